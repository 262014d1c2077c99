import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_PASSWORD, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('the language of the desk’s screens', () => {
  it('starts in English for a new agent', async () => {
    const { cookie } = await desk.signIn();
    expect((await desk.api('/api/auth/me', { cookie })).body.agent.uiLanguage).toBe('en');
  });

  it.each(['agent', 'supervisor', 'admin'] as const)('lets the %s choose Welsh and keeps it for their next sign-in', async (role) => {
    const { cookie, email } = await desk.signIn(role);
    const chosen = await desk.api('/api/auth/me/language', { method: 'PUT', cookie, body: { uiLanguage: 'cy' } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.agent.uiLanguage).toBe('cy');

    const again = await desk.api('/api/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(again.body.agent.uiLanguage).toBe('cy');
  });

  it('changes only the signed-in agent’s own language', async () => {
    const alex = await desk.signIn();
    const sam = await desk.signIn('supervisor');
    await desk.api('/api/auth/me/language', { method: 'PUT', cookie: sam.cookie, body: { uiLanguage: 'cy' } });
    expect((await desk.api('/api/auth/me', { cookie: alex.cookie })).body.agent.uiLanguage).toBe('en');
  });

  it('refuses a language the desk has no words for, and anyone not signed in', async () => {
    const { cookie } = await desk.signIn();
    const french = await desk.api('/api/auth/me/language', { method: 'PUT', cookie, body: { uiLanguage: 'fr' } });
    expect(french.status).toBe(400);
    expect(french.body.error.code).toEqual(expect.any(String));
    expect((await desk.api('/api/auth/me/language', { method: 'PUT', body: { uiLanguage: 'cy' } })).status).toBe(401);
  });
});
