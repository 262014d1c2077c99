// Test helpers: a tiny real HTTP server standing in for the desk's webhook route, and a fake
// Facebook wired to it with a clock the test controls.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import express from 'express';
import { onTestFinished } from 'vitest';
import { startFakeFacebook, type FakeFacebookOptions } from './server';

export interface ReceivedWebhook {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The status the receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer the next POSTs with, in order; 200 once they run out. */
  answerWith(...statuses: number[]): void;
  /** Resolves once `count` POSTs have arrived in total. */
  waitForPosts(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(verifyToken = 'verify-me'): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  const app = express();
  app.get('/webhooks/facebook', (req, res) => {
    const ok = req.query['hub.mode'] === 'subscribe' && req.query['hub.verify_token'] === verifyToken;
    if (ok) res.type('text/plain').send(String(req.query['hub.challenge']));
    else res.sendStatus(403);
  });
  app.post('/webhooks/facebook', express.raw({ type: () => true }), (req, res) => {
    const answered = statuses.shift() ?? 200;
    received.push({ rawBody: req.body as Buffer, headers: req.headers, answered });
    res.sendStatus(answered);
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/facebook`,
    received,
    answerWith: (...next) => void statuses.push(...next),
    async waitForPosts(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhook POSTs, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return received;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

export const PAGE_ID = '100200300400500';
export const PAGE_TOKEN = 'page-token-abc';
export const APP_SECRET = 'app-secret-xyz';
export const T0 = Date.parse('2026-03-02T09:15:02.345Z');
export const HOUR = 60 * 60 * 1000;

export interface GraphResponse {
  status: number;
  headers: Record<string, unknown>;
  raw: string;
  /** Parsed JSON; `any` so tests can reach into Graph bodies without ceremony. */
  body: any;
}

/** A fake with a webhook receiver and a controllable clock, closed when the test finishes. */
export async function startHarness(options: Partial<FakeFacebookOptions> = {}) {
  const receiver = await startWebhookReceiver();
  const clock = { now: T0 };
  const fake = await startFakeFacebook({
    appSecret: APP_SECRET,
    pageId: PAGE_ID,
    pageAccessToken: PAGE_TOKEN,
    webhookUrl: receiver.url,
    now: () => clock.now,
    retryDelaysMs: [20, 40],
    ...options,
  });
  onTestFinished(async () => {
    await fake.close();
    await receiver.close();
  });

  /** A Graph call over real HTTP, keeping the raw body as well as the parsed one. */
  const graph = async (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    request: { params?: Record<string, string>; data?: unknown; headers?: Record<string, string> } = {},
  ): Promise<GraphResponse> => {
    const response = await axios.request<string>({
      baseURL: fake.baseUrl,
      url: path,
      method,
      params: request.params,
      data: request.data,
      headers: request.headers,
      responseType: 'text',
      transformResponse: (raw: string) => raw,
      validateStatus: () => true,
    });
    return { status: response.status, headers: response.headers, raw: response.data, body: JSON.parse(response.data) };
  };

  /** A reply through the Send API with the right token, like our connector's. */
  const send = (body: unknown): Promise<GraphResponse> =>
    graph('POST', `/v25.0/${PAGE_ID}/messages`, { params: { access_token: PAGE_TOKEN }, data: body });

  return { fake, receiver, clock, graph, send };
}
