import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import { startTestDesk, TEST_PASSWORD, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('signing in', () => {
  it('refuses a wrong password with 401 and the one error shape', async () => {
    const { email } = await desk.signIn();
    const response = await desk.api('/api/auth/login', { body: { email, password: 'wrong password' } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
  });

  it('answers an invalid login body with 400 naming the field', async () => {
    const response = await desk.api('/api/auth/login', { body: { email: 'not-an-email', password: TEST_PASSWORD } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/email/);
  });

  it('keeps the thread list behind a session', async () => {
    expect((await desk.api('/api/threads')).status).toBe(401);
    const { cookie } = await desk.signIn();
    expect((await desk.api('/api/threads', { cookie })).status).toBe(200);
  });

  it('locks an account out after ten wrong passwords, even against the right one, and says when to try again', async () => {
    const { email } = await desk.signIn();
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await desk.api('/api/auth/login', { body: { email, password: `guess ${attempt}` } })).status).toBe(401);
    }
    const locked = await desk.api('/api/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
  });

  it('ends the session at logout', async () => {
    const { cookie } = await desk.signIn();
    expect((await desk.api('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect((await desk.api('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('refuses a state-changing request sent by a browser from another site', async () => {
    const { cookie } = await desk.signIn();
    const response = await fetch(`${desk.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect((await desk.api('/api/auth/me', { cookie })).status).toBe(200);
  });

  it('refuses a Socket.IO connection without a session', async () => {
    const socket = connectSocket(desk.url, { path: '/socket.io', transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(error.message).toBe('not_signed_in');
  });
});

describe('health', () => {
  it('reports the process up and its Redis and database reachable', async () => {
    expect((await desk.api('/healthz')).status).toBe(200);
    const ready = await desk.api('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ redis: 'ok', database: 'ok' });
  });
});
