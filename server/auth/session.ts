import RedisStore from 'connect-redis';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Redis } from 'ioredis';
import type { AgentView } from '../../shared/api';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { findActiveAgent } from './agents.service';

declare module 'express-session' {
  interface SessionData {
    agentId: string;
  }
}

export const SESSION_COOKIE = 'sd.sid';
const SESSION_HOURS = 12; // one long shift

export interface SessionOptions {
  secret: string;
  secureCookie: boolean;
  keyPrefix: string;
}

/** Sessions live in Redis so every web process knows every agent; the same middleware guards Socket.IO. */
export function createSessionMiddleware(redis: Redis, options: SessionOptions): RequestHandler {
  return session({
    store: new RedisStore({ client: redis, prefix: `${options.keyPrefix}:session:` }),
    name: SESSION_COOKIE,
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookie, maxAge: SESSION_HOURS * 3600 * 1000 },
  });
}

export interface AuthenticatedLocals {
  agent: AgentView;
}

/** Signed in, for a router mounted behind the authorization layer (server/auth/authorize.ts). */
export function createRequireAgent(db: Database): RequestHandler {
  return async (request, response, next) => {
    // Already authenticated by the authorization layer (a session, or an integration's API token).
    if ((response.locals as Partial<AuthenticatedLocals>).agent) return next();
    const agentId = request.session?.agentId;
    const agent = agentId ? await findActiveAgent(db, agentId) : null;
    if (!agent) {
      next(new HttpError(401, 'not_signed_in', 'Sign in to continue.'));
      return;
    }
    (response.locals as AuthenticatedLocals).agent = agent;
    next();
  };
}
