import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { auditEvents } from '../db/schema';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('the audit trail', () => {
  it('cannot be changed or cut short, even by the desk’s own database user', async () => {
    await desk.signIn('agent');
    const { db } = desk.desk.database;
    await expect(db.update(auditEvents).set({ action: 'nothing.happened' })).rejects.toThrow();
    await expect(db.delete(auditEvents)).rejects.toThrow();
  });

  it('is refused to agents', async () => {
    const { cookie } = await desk.signIn('agent');
    expect((await desk.api('/api/audit', { cookie })).status).toBe(403);
  });

  it('lets a supervisor find who signed in and failed to, newest first, and export it as CSV', async () => {
    const someone = await desk.signIn('agent');
    await desk.api('/api/auth/login', { body: { email: someone.email, password: 'not it' } });
    const { cookie } = await desk.signIn('supervisor');
    const logins = await desk.api(`/api/audit?action=auth.login&actorAgentId=${someone.agentId}`, { cookie });
    expect(logins.status).toBe(200);
    expect(logins.body.events).toHaveLength(1);
    expect(logins.body.events[0]).toMatchObject({ action: 'auth.login', actor: { id: someone.agentId, name: 'Test agent' } });
    const failures = await desk.api('/api/audit?action=auth.login_failed', { cookie });
    expect(failures.body.events.length).toBeGreaterThanOrEqual(1);

    const csv = await desk.api('/api/audit/export.csv?action=auth.login', { cookie });
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe('"at","action","actor","thread reference","details"');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const exports = await desk.api('/api/audit?action=audit.exported', { cookie });
    expect(exports.body.events).toHaveLength(1);
  });
});
