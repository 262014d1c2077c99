import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { messages } from '../db/schema';
import { refuseBlockedPhrases } from './blocked-phrases';

describe('blocked phrases', () => {
  it('match whole words and phrases, whatever the case', () => {
    expect(() => refuseBlockedPhrases('That is PROBABLY NOTHING to worry about', ['probably nothing'])).toThrow(/probably nothing/);
    expect(() => refuseBlockedPhrases('We will look at the classification', ['ass'])).not.toThrow();
  });
});

describe('a reply with a blocked phrase', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startTestDesk({ environment: { BLOCKED_PHRASES: 'waste of police time,calm down' } });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('is refused with a clear reason before anything is stored or sent', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Someone took my bins again' });
    const clientId = randomUUID();
    const reply = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId, text: 'Calm down, this is a waste of police time.' } });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({ code: 'blocked_phrase', message: expect.stringMatching(/may not be used/) });
    expect(await desk.desk.database.db.select().from(messages).where(eq(messages.clientId, clientId))).toHaveLength(0);
  });
});
