import type { Request, RequestHandler } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import { z } from 'zod';
import type { ThreadAccess } from '../access/thread-access';
import { authenticateApiToken, type TokenPrincipal } from '../api-tokens/api-tokens.service';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import { findActiveAgent } from './agents.service';
import { PUBLIC, ANY_AGENT, type RouteRule } from './route-policy';
import type { AuthenticatedLocals } from './session';

export interface MatchedRoute {
  /** The rule's key, e.g. `POST /api/threads/:threadId/replies`. */
  key: string;
  rule: RouteRule;
  params: Record<string, string>;
}

export interface AuthorizedLocals extends AuthenticatedLocals {
  route: MatchedRoute;
  /** Set when an integration's API token made the request. */
  apiToken?: Pick<TokenPrincipal, 'tokenId' | 'scopes'>;
}

interface CompiledRule {
  key: string;
  method: string;
  path: string;
  rule: RouteRule;
  matches: MatchFunction<Record<string, string>>;
}

/** Splits `METHOD /path` keys and compiles their paths as Express 5 does (path-to-regexp 8). */
export function compileRouteRules(rules: Record<string, RouteRule>): CompiledRule[] {
  return Object.entries(rules).map(([key, rule]) => {
    const [method, path] = key.split(' ') as [string, string];
    return { key, method, path, rule, matches: match<Record<string, string>>(path, { decode: decodeURIComponent }) };
  });
}

export function findRouteRule(compiled: CompiledRule[], method: string, path: string): MatchedRoute | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const candidate of compiled) {
    if (candidate.method !== wanted) continue;
    const found = candidate.matches(path);
    if (found) return { key: candidate.key, rule: candidate.rule, params: found.params };
  }
  return undefined;
}

/** Paths only ever served by routes: one without a rule is refused rather than served unguarded. */
const GUARDED_PREFIXES = ['/api/', '/webhooks/'];
const BEARER = /^Bearer\s+(\S+)$/i;
const threadIdSchema = z.string().uuid('not a thread id');

/**
 * The one authorization layer for REST: finds the route's rule (server/auth/route-policy.ts),
 * authenticates the caller (session cookie, or an integration's bearer token), and lets through
 * only the roles or token scope the rule names — and, for a thread's routes, only callers
 * allowed to read that thread. Runs before any route handler.
 */
export function authorizeRequests(db: Database, access: ThreadAccess, rules: Record<string, RouteRule>): RequestHandler {
  const compiled = compileRouteRules(rules);
  return async (request, response, next) => {
    const route = findRouteRule(compiled, request.method, request.path);
    if (!route) {
      const isGuarded = GUARDED_PREFIXES.some((prefix) => `${request.path}/`.startsWith(prefix));
      return next(isGuarded ? new HttpError(404, 'not_found', 'No such API route') : undefined);
    }
    const locals = response.locals as AuthorizedLocals;
    locals.route = route;
    const { rule } = route;
    if (rule.who === PUBLIC) return next();

    const bearer = BEARER.exec(request.get('authorization') ?? '')?.[1];
    if (bearer) {
      const principal = await tokenPrincipal(db, bearer);
      if (!rule.scope || !principal.scopes.includes(rule.scope)) {
        const needs = rule.scope ? `the ${rule.scope} scope` : 'a staff sign-in; no token scope admits it';
        throw new HttpError(403, 'scope_not_granted', `This API token cannot call ${route.key}: it needs ${needs}.`);
      }
      locals.agent = principal.agent;
      locals.apiToken = { tokenId: principal.tokenId, scopes: principal.scopes };
    } else {
      const agentId = request.session?.agentId;
      const agent = agentId ? await findActiveAgent(db, agentId) : null;
      if (!agent) throw new HttpError(401, 'not_signed_in', 'Sign in to continue.');
      if (rule.who !== ANY_AGENT && !rule.who.includes(agent.role)) {
        throw new HttpError(403, 'not_permitted', `Only a ${rule.who.join(' or ')} can do this.`);
      }
      locals.agent = agent;
    }

    if (rule.thread) await requireReadableThread(access, locals, route.params.threadId);
    if (locals.apiToken && !isReadOnly(request)) {
      // What an integration changes is on the record; its reads are counted in last_used_at.
      await recordAudit(db, {
        action: 'api_token.used',
        actorAgentId: locals.agent.id,
        threadId: rule.thread ? route.params.threadId : null,
        details: { tokenId: locals.apiToken.tokenId, route: route.key },
      });
    }
    next();
  };
}

async function tokenPrincipal(db: Database, bearer: string): Promise<TokenPrincipal> {
  const lookup = await authenticateApiToken(db, bearer);
  if (lookup.status === 'valid') return lookup.principal;
  if (lookup.status === 'revoked') await recordAudit(db, { action: 'api_token.refused', details: { tokenId: lookup.tokenId, reason: 'revoked' } });
  throw new HttpError(401, 'token_invalid', 'This API token is not valid (unknown or revoked).');
}

/** Need-to-know: 404 for a thread that does not exist, 403 for a restricted one the caller is not cleared for. */
async function requireReadableThread(access: ThreadAccess, locals: AuthorizedLocals, rawThreadId: string | undefined) {
  const threadId = parseRequest(threadIdSchema, rawThreadId);
  const verdict = await access.verdict(locals.agent.id, threadId);
  if (verdict === 'missing') throw new HttpError(404, 'thread_not_found', 'No such thread.');
  if (verdict === 'forbidden') {
    throw new HttpError(403, 'thread_restricted', 'This thread is restricted: only its assignee, its team and the team cleared for its category can read it.');
  }
}

const isReadOnly = (request: Request) => request.method === 'GET' || request.method === 'HEAD';

const idParamSchema = z.string().uuid('not an id');

/**
 * Validates a route's input against its rule's zod schemas (the same ones the OpenAPI document
 * describes) once the body is parsed: 400 naming the field, before the handler runs.
 */
export function validateRequests(): RequestHandler {
  return (request, response, next) => {
    const route = (response.locals as Partial<AuthorizedLocals>).route;
    if (!route) return next();
    const { rule, params } = route;
    for (const [name, value] of Object.entries(params)) parseRequest(z.object({ [name]: rule.params?.[name] ?? idParamSchema }), { [name]: value });
    if (rule.query) parseRequest(rule.query, request.query);
    // The public form counts every attempt against its rate limit first, so it parses its own body
    // with the same schema (server/public-contact/public.routes.ts) after that.
    if (rule.body && rule.who !== PUBLIC) parseRequest(rule.body, request.body ?? {});
    next();
  };
}
