import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { apiTokens, auditEvents, threads } from '../db/schema';

// Integrations (issue 13): an admin creates a token with scopes, sees it once, and can revoke it;
// the token works only for the routes its scopes name, and what it changes is audited.

let desk: TestDesk;
let admin: { cookie: string; agentId: string };
let threadId: string;
beforeAll(async () => {
  desk = await startTestDesk();
  admin = await desk.signIn('admin');
  await desk.facebook.sendUserMessage({ psid: '7700000000000001', text: 'Can someone call me back about my stolen bike' });
  threadId = await eventually(async () => {
    const [row] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, '7700000000000001'));
    return row?.id;
  });
});
afterAll(async () => {
  await desk?.close();
});

async function createToken(scopes: string[], name = 'Control room bridge') {
  const created = await desk.api('/api/api-tokens', { cookie: admin.cookie, body: { name, scopes } });
  expect(created.status).toBe(201);
  return created.body as { token: { id: string; name: string; scopes: string[] }; secret: string };
}

async function withToken(secret: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${desk.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('API tokens', () => {
  it('shows the token once and keeps only its hash', async () => {
    const { token, secret } = await createToken(['threads:read']);
    expect(secret).toMatch(/^sdt_[A-Za-z0-9_-]{43}$/);
    const listed = await desk.api('/api/api-tokens', { cookie: admin.cookie });
    expect(listed.body.tokens.find((candidate: { id: string }) => candidate.id === token.id)).toMatchObject({ name: 'Control room bridge', scopes: ['threads:read'], revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [stored] = await desk.desk.database.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));
  });

  it('lets only admins create, list and revoke tokens', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const { cookie } = await desk.signIn(role);
      expect((await desk.api('/api/api-tokens', { cookie })).status).toBe(403);
      expect((await desk.api('/api/api-tokens', { cookie, body: { name: 'Mine', scopes: ['threads:read'] } })).status).toBe(403);
    }
  });

  it('reads threads with threads:read, and is refused a reply without messages:write', async () => {
    const { secret } = await createToken(['threads:read']);
    const list = await withToken(secret, '/api/threads');
    expect(list.status).toBe(200);
    expect(list.body.threads.map((thread: { id: string }) => thread.id)).toContain(threadId);
    const reply = await withToken(secret, `/api/threads/${threadId}/replies`, { body: { clientId: randomUUID(), text: 'We will call you today.' } });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatchObject({ code: 'scope_not_granted', message: expect.stringContaining('messages:write') });
    expect((await withToken(secret, '/api/audit')).status).toBe(403);
  });

  it('replies with messages:write, attributed to the token and audited', async () => {
    const { token, secret } = await createToken(['messages:write'], 'Case system');
    const reply = await withToken(secret, `/api/threads/${threadId}/replies`, { body: { clientId: randomUUID(), text: 'Thanks, an officer will call you today.' } });
    expect(reply.status).toBe(201);
    expect(reply.body.message.authorName).toBe('API token: Case system');
    const audited = await desk.desk.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'api_token.used'), eq(auditEvents.threadId, threadId)));
    expect(audited.map((event) => event.details)).toContainEqual({ tokenId: token.id, route: 'POST /api/threads/:threadId/replies' });
  });

  it('is refused at once after an admin revokes it, and the refusal is audited', async () => {
    const { token, secret } = await createToken(['reports:read']);
    expect((await withToken(secret, '/api/reports?from=2026-01-01&to=2026-01-31')).status).toBe(200);
    expect((await desk.api(`/api/api-tokens/${token.id}/revoke`, { cookie: admin.cookie, body: {} })).status).toBe(204);
    const refused = await withToken(secret, '/api/reports?from=2026-01-01&to=2026-01-31');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('token_invalid');
    const refusals = await desk.desk.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'api_token.refused'));
    expect(refusals.map((event) => event.details)).toContainEqual({ tokenId: token.id, reason: 'revoked' });
    const revocations = await desk.desk.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'api_token.revoked'));
    expect(revocations).toContainEqual(expect.objectContaining({ actorAgentId: admin.agentId, details: { tokenId: token.id } }));
  });

  it('cannot be used to sign in as staff', async () => {
    const { secret } = await createToken(['threads:read', 'broadcasts:write']);
    const me = await withToken(secret, '/api/auth/me');
    expect(me.status).toBe(403);
    expect((await withToken('sdt_not-a-real-token', '/api/threads')).status).toBe(401);
  });
});
