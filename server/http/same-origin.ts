import type { RequestHandler } from 'express';
import { HttpError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for the agents' API: a state-changing request a browser sends from another
 * site carries that site's Origin, and is refused. (The session cookie is SameSite=Lax too.)
 */
export function refuseCrossSiteWrites(): RequestHandler {
  return (request, _response, next) => {
    const origin = request.get('origin');
    if (SAFE_METHODS.has(request.method) || !origin) return next();
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return next(new HttpError(403, 'cross_site_request', 'Requests from other sites are refused.'));
    }
    const host = request.get('x-forwarded-host') ?? request.get('host');
    if (originHost !== host) return next(new HttpError(403, 'cross_site_request', 'Requests from other sites are refused.'));
    next();
  };
}
