import http from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';

export interface XClientOptions {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
  /** https://api.x.com in production; a local fake in tests and the demo. */
  apiUrl: string;
}

const REAL_API = /^https:\/\/(api|upload)\.(x|twitter)\.com\//;

/**
 * A user-context (OAuth 1.0a) client. twitter-api-v2 has no base-URL option, so a non-default
 * API URL is reached by rewriting each request's URL in a plugin, which also covers paginators;
 * the `/2/` path is kept because the library picks JSON bodies from it, and an `http://` target
 * needs an http.Agent (contracts/platforms.md §8, verified by running the library).
 */
export function createXClient(options: XClientOptions): TwitterApi {
  const tokens = {
    appKey: options.consumerKey,
    appSecret: options.consumerSecret,
    accessToken: options.accessToken,
    accessSecret: options.accessTokenSecret,
  };
  const base = `${options.apiUrl.replace(/\/$/, '')}/`;
  if (REAL_API.test(base)) return new TwitterApi(tokens);
  const redirect: ITwitterApiClientPlugin = {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(REAL_API, base);
    },
  };
  const settings = base.startsWith('http://') ? { httpAgent: new http.Agent({ keepAlive: true }), plugins: [redirect] } : { plugins: [redirect] };
  return new TwitterApi(tokens, settings);
}
