import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadSummary } from '../../shared/api';
import { messageArrives, seedOpenThreads, setThreadColumns } from '../../scripts/testing/desk-threads';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
  await seedOpenThreads(desk, 25, 'paging');
});
afterAll(async () => {
  await desk?.close();
});

/** Every page of a view, following nextCursor to the end. */
async function allPages(cookie: string, query: string, limit: number, from: string | null = null): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor = from;
  let pages = 0;
  do {
    const response = await desk.api(`/api/threads?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie });
    expect(response.status).toBe(200);
    ids.push(...(response.body.threads as ThreadSummary[]).map((thread) => thread.id));
    cursor = response.body.nextCursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

describe('paging through a long thread list', () => {
  it.each(['agent', 'supervisor', 'admin'] as const)('gives the %s every thread of a view once, page by page, in the same order as one big page', async (role) => {
    const { cookie } = await desk.signIn(role);
    for (const view of ['all', 'attention']) {
      const whole = (await desk.api(`/api/threads?view=${view}&limit=1000`, { cookie })).body;
      expect(whole.nextCursor).toBeNull();
      const paged = await allPages(cookie, `view=${view}`, 4);
      expect(paged.pages).toBeGreaterThan(6);
      expect(paged.ids).toEqual(whole.threads.map((thread: ThreadSummary) => thread.id));
      expect(new Set(paged.ids).size).toBe(paged.ids.length);
    }
  });

  it('keeps "Needs attention" in risk order across pages: emergencies first even when they are newer', async () => {
    const { cookie } = await desk.signIn();
    const urgent = await messageArrives(desk, cookie, { text: 'There is a man with a knife outside' });
    await setThreadColumns(desk, urgent.id, { risk: 'emergency' });
    const paged = await allPages(cookie, 'view=attention', 5);
    expect(paged.ids[0]).toBe(urgent.id);
  });

  it('does not repeat or skip a thread when a new one arrives between pages', async () => {
    const { cookie } = await desk.signIn();
    const first = (await desk.api('/api/threads?view=all&limit=10', { cookie })).body;
    const arrived = await messageArrives(desk, cookie, { text: 'I am writing while you scroll' });
    const rest = await allPages(cookie, 'view=all', 10, first.nextCursor);
    const seen = [...first.threads.map((thread: ThreadSummary) => thread.id), ...rest.ids];
    const whole = (await desk.api('/api/threads?view=all&limit=1000', { cookie })).body.threads.map((thread: ThreadSummary) => thread.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(whole.filter((id: string) => !seen.includes(id))).toEqual([arrived.id]);
  });

  it('refuses a cursor it did not give out, and a page larger than 1000', async () => {
    const { cookie } = await desk.signIn();
    const forged = await desk.api('/api/threads?view=all&cursor=not-a-cursor', { cookie });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_request');
    expect((await desk.api('/api/threads?view=all&limit=5000', { cookie })).status).toBe(400);
  });

  it('keeps the list behind a session', async () => {
    expect((await desk.api('/api/threads?view=all&limit=10')).status).toBe(401);
  });
});
