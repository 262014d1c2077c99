import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { z } from 'zod';
import { errorResponseSchema } from '../../shared/api';
import { ANY_AGENT, PUBLIC, type RouteRule } from '../auth/route-policy';

type Method = RouteConfig['method'];
type ParameterSchema = NonNullable<NonNullable<RouteConfig['request']>['query']>;

/**
 * The REST API as an OpenAPI 3.1 document, generated from the route policy table — the same zod
 * schemas the authorization layer validates input with (server/auth/authorize.ts) — so the
 * document cannot drift from what the server accepts.
 */
export function buildOpenApiDocument(rules: Record<string, RouteRule>): OpenAPIObject {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'sd.sid', description: 'Staff session (sign in at POST /api/auth/login)' });
  registry.registerComponent('securitySchemes', 'apiToken', { type: 'http', scheme: 'bearer', description: 'An integration token created by an admin, with scopes' });
  const error = { description: 'Refused: `{ error: { code, message } }`', content: { 'application/json': { schema: errorResponseSchema } } };

  for (const [key, rule] of Object.entries(rules)) {
    const [method, expressPath] = key.split(' ') as [string, string];
    const paramNames = [...expressPath.matchAll(/:(\w+)/g)].map((found) => found[1]!);
    const params = paramNames.length
      ? z.object(Object.fromEntries(paramNames.map((name) => [name, rule.params?.[name] ?? z.string().uuid()])))
      : undefined;
    registry.registerPath({
      method: method.toLowerCase() as Method,
      path: expressPath.replace(/:(\w+)/g, '{$1}'),
      operationId: operationIdOf(key),
      summary: rule.summary ?? key,
      description: whoMayCall(rule),
      tags: [expressPath.split('/')[expressPath.startsWith('/api/') ? 2 : 1] ?? 'desk'],
      security: securityOf(rule),
      request: {
        ...(params ? { params } : {}),
        ...(rule.query ? { query: rule.query as ParameterSchema } : {}),
        ...(rule.body ? { body: { required: true, content: { 'application/json': { schema: rule.body } } } } : {}),
      },
      responses: {
        200: { description: 'Done' },
        ...(rule.body || rule.query || params ? { 400: { ...error, description: 'Input did not match the schema' } } : {}),
        ...(rule.who === PUBLIC ? {} : { 401: { ...error, description: 'Not signed in, or the token is unknown or revoked' }, 403: { ...error, description: 'Not allowed for this role or token scope' } }),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Social Desk API',
      version: '1',
      description: 'The desk’s REST API. Staff use a session cookie; integrations use `Authorization: Bearer <token>` with the scopes an admin gave the token.',
    },
  });
}

function operationIdOf(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ? next.toUpperCase() : ''));
}

function whoMayCall(rule: RouteRule): string {
  const staff = rule.who === PUBLIC ? 'Anyone (no sign-in).' : rule.who === ANY_AGENT ? 'Any signed-in agent.' : `Signed-in ${rule.who.join(' or ')}.`;
  const token = rule.scope ? ` API tokens with the \`${rule.scope}\` scope.` : '';
  const thread = rule.thread ? ' Only for a thread the caller may read (restricted threads: need-to-know).' : '';
  return staff + token + thread;
}

function securityOf(rule: RouteRule): Array<Record<string, string[]>> {
  if (rule.who === PUBLIC) return [];
  return [{ session: [] }, ...(rule.scope ? [{ apiToken: [rule.scope] }] : [])];
}

/** `/api/docs`: the document as JSON; `/api/docs/page`: the same, readable in a browser (no script). */
export function createDocsRoutes(rules: Record<string, RouteRule>): Router {
  const document = buildOpenApiDocument(rules);
  const router = Router();
  router.get('/', (_request, response) => {
    response.json(document);
  });
  router.get('/page', (_request, response) => {
    response.type('html').send(renderPage(document));
  });
  return router;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function renderPage(document: OpenAPIObject): string {
  const rows = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { summary?: string; description?: string }>).map(
      ([method, operation]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(operation.summary ?? '')}</td><td>${escapeHtml(operation.description ?? '')}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)}</title></head><body>
<h1>${escapeHtml(document.info.title)}</h1><p>${escapeHtml(document.info.description ?? '')}</p><p>The OpenAPI 3.1 document: <a href="/api/docs">/api/docs</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Who</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></body></html>`;
}
