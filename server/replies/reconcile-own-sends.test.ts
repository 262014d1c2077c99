import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testing/test-database';
import type { OwnSend } from '../../connectors/connector';
import { createAcknowledgementPolicy } from '../acknowledgements/policy';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { messages, threads } from '../db/schema';
import { ingestInboundEvent } from '../ingest/ingest-inbound';
import { createTriage } from '../triage/classify';
import { markReplySent } from './mark-reply-sent';
import { isSendOf, reconcileOwnSends } from './reconcile-own-sends';

const startedAt = new Date('2026-11-25T10:00:00.000Z');
const reply = { text: 'Thanks Robin,\r\nan officer will call you.  ', sendStartedAt: startedAt, sendMediaIds: [] };
const dm = { text: 'Thanks Robin,\nan officer will call you.', mediaIds: [], sentAt: '2026-11-25T10:00:01.000Z' };

describe('matching a DM the account sent to a reply whose send was interrupted', () => {
  it('takes the same words in X’s whitespace, sent after the send started, for the reply', () => {
    expect(isSendOf(dm, reply)).toBe(true);
  });

  it('does not take other words for it', () => {
    expect(isSendOf({ ...dm, text: 'Thanks Robin, an officer will call you tomorrow.' }, reply)).toBe(false);
  });

  it('does not take a DM sent well before the send started (an earlier reply with the same words)', () => {
    expect(isSendOf({ ...dm, sentAt: '2026-11-25T09:58:00.000Z' }, reply)).toBe(false);
  });

  it('allows for a few seconds between X’s clock and ours', () => {
    expect(isSendOf({ ...dm, sentAt: '2026-11-25T09:59:57.000Z' }, reply)).toBe(true);
  });

  it('matches an image reply by the media id uploaded for it, and nothing else', () => {
    const withImage = { ...reply, text: '', sendMediaIds: ['1146654567674912769'] };
    expect(isSendOf({ ...dm, text: '', mediaIds: ['1146654567674912769'] }, withImage)).toBe(true);
    expect(isSendOf({ ...dm, text: '', mediaIds: ['1146654567674912770'] }, withImage)).toBe(false);
    expect(isSendOf({ ...dm, text: '', mediaIds: [] }, withImage)).toBe(false);
  });
});

describe('reconciling the account’s own DMs read back by the poll', () => {
  const ACCOUNT = '1578398451921985538';
  const PERSON = '944480690';
  const conversationId = `${PERSON}-${ACCOUNT}`;
  let testDatabase: TestDatabase;
  let database: DatabaseHandle;
  let thread: { id: string; channelId: string };

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase(testDatabase.location);
    await ingestInboundEvent(
      database.db,
      {
        channel: 'twitter',
        accountId: ACCOUNT,
        platformMessageId: '1582838499983564806',
        platformConversationId: conversationId,
        sender: { platformUserId: PERSON, displayName: 'Jo', handle: 'jo' },
        text: 'Is the A470 open yet?',
        attachments: [],
        sentAt: new Date().toISOString(),
      },
      { triage: createTriage(), acknowledgements: createAcknowledgementPolicy({ isEnabled: false, periodMinutes: 60, templatesFile: null }) },
    );
    [thread] = await database.db.select({ id: threads.id, channelId: threads.channelId }).from(threads).where(eq(threads.platformConversationId, conversationId)) as [typeof thread];
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  async function interruptedReply(text: string, sendStartedAt: Date) {
    const [row] = await database.db
      .insert(messages)
      .values({ threadId: thread.id, channelId: thread.channelId, direction: 'out', kind: 'text', text, deliveryStatus: 'queued', sentAt: sendStartedAt, sendStartedAt })
      .returning({ id: messages.id });
    return row!.id;
  }
  const ownSend = (id: string, text: string, sentAt: Date): OwnSend => ({ platformMessageId: id, platformConversationId: conversationId, text, mediaIds: [], sentAt: sentAt.toISOString() });
  const rowOf = async (id: string) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;

  it('marks the interrupted reply sent with the DM’s id, once, however often the DM is read', async () => {
    const startedAt = new Date();
    const replyId = await interruptedReply('The A470 reopened at noon.', startedAt);
    const dm = ownSend('1582838499983564901', 'The A470 reopened at noon.', new Date(startedAt.getTime() + 500));

    expect(await reconcileOwnSends(database.db, thread.channelId, [dm])).toEqual({ matchedMessageIds: [replyId], known: 0, fromElsewhere: 0 });
    expect(await reconcileOwnSends(database.db, thread.channelId, [dm])).toEqual({ matchedMessageIds: [], known: 1, fromElsewhere: 0 });
    expect(await rowOf(replyId)).toMatchObject({ deliveryStatus: 'sent', platformMessageId: dm.platformMessageId, sendStartedAt: null });
  });

  it('gives two lost sends of the same words to two replies, in the order they were sent', async () => {
    const startedAt = new Date();
    const first = await interruptedReply('Thank you, noted.', startedAt);
    const second = await interruptedReply('Thank you, noted.', new Date(startedAt.getTime() + 1000));
    const dms = [ownSend('1582838499983565002', 'Thank you, noted.', new Date(startedAt.getTime() + 1500)), ownSend('1582838499983565001', 'Thank you, noted.', new Date(startedAt.getTime() + 200))];

    await reconcileOwnSends(database.db, thread.channelId, dms);

    expect((await rowOf(first)).platformMessageId).toBe('1582838499983565001');
    expect((await rowOf(second)).platformMessageId).toBe('1582838499983565002');
  });

  it('leaves a reply the send job already saved as sent alone: its platform id is set once', async () => {
    const startedAt = new Date();
    const replyId = await interruptedReply('An officer is on the way.', startedAt);
    // The rerun gave up waiting and sent again; X answered this time.
    await markReplySent(database.db, { messageId: replyId, threadId: thread.id, platformMessageId: '1582838499983566002', isHumanReply: true });
    const earlierDm = ownSend('1582838499983566001', 'An officer is on the way.', new Date(startedAt.getTime() + 100));

    expect(await reconcileOwnSends(database.db, thread.channelId, [earlierDm])).toEqual({ matchedMessageIds: [], known: 0, fromElsewhere: 1 });
    expect((await rowOf(replyId)).platformMessageId).toBe('1582838499983566002');
    expect(await markReplySent(database.db, { messageId: replyId, threadId: thread.id, platformMessageId: '1582838499983566001', isHumanReply: true })).toBe(false);
    expect((await rowOf(replyId)).platformMessageId).toBe('1582838499983566002');
  });
});
