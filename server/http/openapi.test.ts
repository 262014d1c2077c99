import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { listRegisteredRoutes } from './registered-routes';

// The open API (issue 13): /api/docs is an OpenAPI 3.1 document generated from the zod schemas
// the server validates with, and it covers every route the server has.

let desk: TestDesk;
let document: { openapi: string; paths: Record<string, Record<string, any>> };
beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: true } });
  document = (await desk.api('/api/docs')).body;
});
afterAll(async () => {
  await desk?.close();
});

describe('the OpenAPI document at /api/docs', () => {
  it('is a valid OpenAPI 3.1 document, served without signing in', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every registered route', () => {
    const missing = listRegisteredRoutes(desk.desk.web!.app)
      .filter((route) => !route.isPattern)
      .map((route) => ({ key: `${route.method} ${route.path}`, path: route.path.replace(/:(\w+)/g, '{$1}'), method: route.method.toLowerCase() }))
      .filter(({ path, method }) => !document.paths[path]?.[method])
      .map(({ key }) => `${key} is missing from /api/docs (add its rule to server/auth/route-policy.ts)`);
    expect(missing).toEqual([]);
  });

  it('describes a reply’s body and path with the schemas the server validates', () => {
    const operation = document.paths['/api/threads/{threadId}/replies']!.post;
    expect(operation.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['clientId', 'text']));
    expect(operation.parameters).toEqual([expect.objectContaining({ name: 'threadId', in: 'path', required: true })]);
  });

  it('refuses a body that does not match the documented schema before the route runs', async () => {
    const documented = document.paths['/api/canned-responses']!.post.requestBody.content['application/json'].schema;
    expect(documented.properties.title).toMatchObject({ type: 'string', maxLength: 200 });
    const { cookie } = await desk.signIn('supervisor');
    const malformed = await desk.api('/api/canned-responses', { cookie, body: { shortcut: 'x', language: 'en', title: 42, body: 'Hi' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('title') });
  });

  it('says who may call each route, and which API token scope admits it', () => {
    const reports = document.paths['/api/reports']!.get;
    expect(reports.security).toEqual([{ session: [] }, { apiToken: ['reports:read'] }]);
    expect(reports.description).toContain('supervisor or admin');
    expect(document.paths['/api/audit']!.get.security).toEqual([{ session: [] }]);
    expect(document.paths['/api/public/reports']!.post.security).toEqual([]);
  });

  it('has a readable page listing the routes', async () => {
    const page = await desk.api('/api/docs/page');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/api/threads/{threadId}/replies');
    expect(page.body).not.toContain('<script');
  });
});
