import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const welshThanks = { shortcut: 'diolch', language: 'cy', title: 'Diolch', body: 'Diolch {{name}}, eich cyfeirnod yw {{reference}}.' };

describe('canned responses', () => {
  it('are written by a supervisor and read by every agent', async () => {
    const supervisor = await desk.signIn('supervisor');
    const agent = await desk.signIn('agent');
    const created = await desk.api('/api/canned-responses', { cookie: supervisor.cookie, body: welshThanks });
    expect(created.status).toBe(201);
    const list = await desk.api('/api/canned-responses', { cookie: agent.cookie });
    expect(list.body.cannedResponses).toContainEqual({ ...welshThanks, id: created.body.cannedResponse.id });
  });

  it('cannot be written, changed or deleted by an agent', async () => {
    const agent = await desk.signIn('agent');
    const admin = await desk.signIn('admin');
    const english = { ...welshThanks, shortcut: 'thanks', language: 'en', body: 'Thanks {{name}}, your reference is {{reference}}.' };
    expect((await desk.api('/api/canned-responses', { cookie: agent.cookie, body: english })).status).toBe(403);
    const created = await desk.api('/api/canned-responses', { cookie: admin.cookie, body: english });
    expect(created.status).toBe(201);
    const path = `/api/canned-responses/${created.body.cannedResponse.id}`;
    expect((await desk.api(path, { cookie: agent.cookie, method: 'PUT', body: english })).status).toBe(403);
    expect((await desk.api(path, { cookie: agent.cookie, method: 'DELETE' })).status).toBe(403);
  });

  it('lets a supervisor change and delete one', async () => {
    const supervisor = await desk.signIn('supervisor');
    const created = await desk.api('/api/canned-responses', { cookie: supervisor.cookie, body: { ...welshThanks, shortcut: 'hwyl' } });
    const path = `/api/canned-responses/${created.body.cannedResponse.id}`;
    const changed = await desk.api(path, { cookie: supervisor.cookie, method: 'PUT', body: { ...welshThanks, shortcut: 'hwyl', body: 'Hwyl fawr.' } });
    expect(changed.body.cannedResponse.body).toBe('Hwyl fawr.');
    expect((await desk.api(path, { cookie: supervisor.cookie, method: 'DELETE' })).status).toBe(204);
    const list = await desk.api('/api/canned-responses', { cookie: supervisor.cookie });
    expect(list.body.cannedResponses.map((canned: { shortcut: string }) => canned.shortcut)).not.toContain('hwyl');
  });

  it('allows one shortcut per language', async () => {
    const supervisor = await desk.signIn('supervisor');
    const body = { ...welshThanks, shortcut: 'unwaith' };
    expect((await desk.api('/api/canned-responses', { cookie: supervisor.cookie, body })).status).toBe(201);
    const again = await desk.api('/api/canned-responses', { cookie: supervisor.cookie, body });
    expect(again.status).toBe(409);
    expect((await desk.api('/api/canned-responses', { cookie: supervisor.cookie, body: { ...body, language: 'en' } })).status).toBe(201);
  });
});
