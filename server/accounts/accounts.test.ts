import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_PASSWORD, type AgentSocket, type TestDesk } from '../../scripts/testing/test-desk';
import { startDesk, type Desk } from '../desk';
import { createLogger } from '../logger';
import { auditEvents, teams } from '../db/schema';

let desk: TestDesk;
let secondProcess: Desk;
let redis: Redis;
let safeguardingTeamId: string;
beforeAll(async () => {
  desk = await startTestDesk();
  // A second web process on the same Redis and database, as behind a load balancer.
  secondProcess = await startDesk({ ...desk.config, roles: { web: true, worker: false } }, createLogger('silent'));
  redis = new Redis(desk.config.redis.url);
  const [team] = await desk.desk.database.db.select().from(teams).where(eq(teams.name, 'Safeguarding'));
  safeguardingTeamId = team!.id;
});
afterAll(async () => {
  redis?.disconnect();
  await secondProcess?.close();
  await desk?.close();
});

async function signInAs(email: string, password: string, url = desk.url) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, cookie: response.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ') };
}

function connectTo(url: string, cookie: string): Promise<AgentSocket> {
  const socket: AgentSocket = connectSocket(url, { path: '/socket.io', extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function newAccount(admin: { cookie: string }, overrides: Record<string, unknown> = {}) {
  const email = `officer-${Math.random().toString(36).slice(2, 8)}@force.test`;
  const response = await desk.api('/api/accounts', {
    cookie: admin.cookie,
    body: { name: 'Pat Officer', email, role: 'agent', password: TEST_PASSWORD, ...overrides },
  });
  return { ...response, email };
}

describe('account management', () => {
  it('is for admins only', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const { cookie } = await desk.signIn(role);
      expect((await desk.api('/api/accounts', { cookie })).status).toBe(403);
      expect((await desk.api('/api/accounts', { cookie, body: { name: 'X', email: 'x@force.test', role: 'admin', password: TEST_PASSWORD } })).status).toBe(403);
    }
    const admin = await desk.signIn('admin');
    const list = await desk.api('/api/accounts', { cookie: admin.cookie });
    expect(list.status).toBe(200);
    expect(list.body.accounts.map((account: { id: string }) => account.id)).toContain(admin.agentId);
  });

  it('lets an admin create an account with a long passphrase, which can then sign in', async () => {
    const admin = await desk.signIn('admin');
    const created = await newAccount(admin, { password: 'kettle lighthouse mango tuesday', teamIds: [safeguardingTeamId] });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ role: 'agent', active: true, teamIds: [safeguardingTeamId], isSingleSignOn: false });
    expect((await signInAs(created.email, 'kettle lighthouse mango tuesday')).status).toBe(200);
    const [audit] = await desk.desk.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.created'));
    expect(audit).toMatchObject({ actorAgentId: admin.agentId, details: { agentId: created.body.account.id, role: 'agent' } });
    expect(JSON.stringify(audit!.details)).not.toContain('kettle');
  });

  it('refuses a short or common password with a reason the admin can act on', async () => {
    const admin = await desk.signIn('admin');
    const short = await newAccount(admin, { password: 'Xy7!short' });
    expect(short.status).toBe(422);
    expect(short.body.error).toEqual({ code: 'weak_password', message: expect.stringMatching(/at least 12 characters/) });
    const common = await newAccount(admin, { password: 'Password2026!' });
    expect(common.status).toBe(422);
    expect(common.body.error.message).toMatch(/most common or breached/);
  });

  it('lets an admin change an account’s role and teams, audited', async () => {
    const admin = await desk.signIn('admin');
    const created = await newAccount(admin);
    const id = created.body.account.id;
    const changed = await desk.api(`/api/accounts/${id}`, { method: 'PATCH', cookie: admin.cookie, body: { role: 'supervisor', teamIds: [safeguardingTeamId] } });
    expect(changed.status).toBe(200);
    expect(changed.body.account).toMatchObject({ role: 'supervisor', teamIds: [safeguardingTeamId] });
    const signedIn = await signInAs(created.email, TEST_PASSWORD);
    expect((await desk.api('/api/auth/me', { cookie: signedIn.cookie })).body.agent.role).toBe('supervisor');
    const audits = await desk.desk.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.updated'));
    expect(audits.some((audit) => audit.details.agentId === id && audit.details.role === 'supervisor')).toBe(true);
  });

  it('ends a disabled account’s sessions at once and disconnects its sockets on every web process', async () => {
    const admin = await desk.signIn('admin');
    const { email, body } = await newAccount(admin);
    const onFirst = await signInAs(email, TEST_PASSWORD);
    const onSecond = await signInAs(email, TEST_PASSWORD, secondProcess.url!);
    const socketOnFirst = await connectTo(desk.url, onFirst.cookie);
    const socketOnSecond = await connectTo(secondProcess.url!, onSecond.cookie);
    const disconnected = (socket: AgentSocket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const firstGone = disconnected(socketOnFirst);
    const secondGone = disconnected(socketOnSecond);

    const disabled = await desk.api(`/api/accounts/${body.account.id}/disable`, { cookie: admin.cookie, body: {} });
    expect(disabled.status).toBe(200);
    expect(disabled.body.account.active).toBe(false);
    expect(await firstGone).toBe('io server disconnect');
    expect(await secondGone).toBe('io server disconnect');
    expect((await desk.api('/api/auth/me', { cookie: onFirst.cookie })).status).toBe(401);
    expect((await fetch(`${secondProcess.url}/api/auth/me`, { headers: { cookie: onSecond.cookie } })).status).toBe(401);
    expect(await redis.keys(`${desk.redisPrefix}:agent-sessions:${body.account.id}`)).toEqual([]);
    await expect(connectTo(desk.url, onFirst.cookie)).rejects.toThrow('not_signed_in');
    expect((await signInAs(email, TEST_PASSWORD)).status).toBe(401);
    const [audit] = await desk.desk.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.disabled'));
    expect(audit!.details).toMatchObject({ agentId: body.account.id, sessionsRevoked: 2 });

    expect((await desk.api(`/api/accounts/${body.account.id}/enable`, { cookie: admin.cookie, body: {} })).status).toBe(200);
    expect((await signInAs(email, TEST_PASSWORD)).status).toBe(200);
  });

  it('does not let an admin disable their own account', async () => {
    const admin = await desk.signIn('admin');
    const response = await desk.api(`/api/accounts/${admin.agentId}/disable`, { cookie: admin.cookie, body: {} });
    expect(response.status).toBe(409);
  });

  it('lets an admin reset a password, which signs the account out and enforces the rules', async () => {
    const admin = await desk.signIn('admin');
    const { email, body } = await newAccount(admin);
    const before = await signInAs(email, TEST_PASSWORD);
    const weak = await desk.api(`/api/accounts/${body.account.id}/password`, { cookie: admin.cookie, body: { password: 'letmein' } });
    expect(weak.status).toBe(422);
    const reset = await desk.api(`/api/accounts/${body.account.id}/password`, { cookie: admin.cookie, body: { password: 'purple tractor summer rain' } });
    expect(reset.status).toBe(204);
    expect((await desk.api('/api/auth/me', { cookie: before.cookie })).status).toBe(401);
    expect((await signInAs(email, TEST_PASSWORD)).status).toBe(401);
    expect((await signInAs(email, 'purple tractor summer rain')).status).toBe(200);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password and follows the same rules', async () => {
    const agent = await desk.signIn('agent');
    const wrong = await desk.api('/api/auth/password', { cookie: agent.cookie, body: { currentPassword: 'not it at all', newPassword: 'blue whale pencil garden' } });
    expect(wrong.status).toBe(403);
    const weak = await desk.api('/api/auth/password', { cookie: agent.cookie, body: { currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' } });
    expect(weak.status).toBe(422);
    const changed = await desk.api('/api/auth/password', { cookie: agent.cookie, body: { currentPassword: TEST_PASSWORD, newPassword: 'blue whale pencil garden' } });
    expect(changed.status).toBe(204);
    expect((await signInAs(agent.email, 'blue whale pencil garden')).status).toBe(200);
  });
});
