import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../shared/inbound';
import { useTestDatabase } from '../../scripts/testing/use-test-database';
import { createAcknowledgementPolicy } from '../acknowledgements/policy';
import { createThreadAccess } from '../access/thread-access';
import { ConnectorRegistry } from '../channels/connector-registry';
import { contacts, messages, threads } from '../db/schema';
import { createLogger } from '../logger';
import { createQueues, QUEUE_NAMES, type DeskQueues } from '../queues/queues';
import { createAgentNotifier } from '../realtime/agent-notifier';
import { connectRedis } from '../redis';
import { createTriage } from '../triage/classify';
import { createInboundProcessor } from './inbound.processor';
import { ingestInboundBatch, ingestInboundEvent, type IngestOptions } from './ingest-inbound';

const options: IngestOptions = { triage: createTriage(), acknowledgements: null };

const database = useTestDatabase();

function event(psid: string, overrides: Partial<InboundEvent> = {}): InboundEvent {
  return {
    channel: 'facebook',
    accountId: '104857600000001',
    platformMessageId: `m_${randomUUID()}`,
    platformConversationId: psid,
    sender: { platformUserId: psid, displayName: null, handle: null },
    text: `Someone took my bike (${randomUUID()})`,
    attachments: [],
    sentAt: new Date().toISOString(),
    ...overrides,
  };
}

const storedCount = async (platformMessageIds: string[]) =>
  (await database.db.select({ id: messages.id }).from(messages).where(inArray(messages.platformMessageId, platformMessageIds))).length;

const referenceOf = async (threadId: string) =>
  (await database.db.select({ reference: threads.reference }).from(threads).where(eq(threads.id, threadId)))[0]!.reference;

describe('ingesting a batch of inbound messages', () => {
  it('stores a message delivered twice in one batch, and one already stored, once each', async () => {
    const earlier = event('7200000000000001');
    await ingestInboundEvent(database.db, earlier, options);
    const twice = event('7200000000000002');
    const results = await ingestInboundBatch(database.db, [twice, earlier, { ...twice }], options);
    expect(results.map((result) => result.stored)).toEqual([true, false, false]);
    expect(await storedCount([twice.platformMessageId, earlier.platformMessageId])).toBe(2);
  });

  it('puts two messages of a new contact in one thread with one reference number', async () => {
    const psid = '7200000000000003';
    const [first, second] = await ingestInboundBatch(
      database.db,
      [event(psid, { text: 'Second', sentAt: '2026-06-01T10:00:05.000Z' }), event(psid, { text: 'First', sentAt: '2026-06-01T10:00:00.000Z' })],
      options,
    );
    if (!first?.stored || !second?.stored) throw new Error('not stored');
    expect(first.threadId).toBe(second.threadId);
    // The earlier message started the thread, whatever order the batch held them in.
    expect([first.isNewThread, second.isNewThread]).toEqual([false, true]);
    const [thread] = await database.db.select().from(threads).where(eq(threads.id, first.threadId));
    expect(thread!.lastMessagePreview).toBe('Second');
    const next = await ingestInboundEvent(database.db, event('7200000000000004'), options);
    if (!next.stored) throw new Error('not stored');
    // No number was spent on the second message: the next new thread has the one after.
    expect(Number((await referenceOf(next.threadId)).slice(-6))).toBe(Number(thread!.reference.slice(-6)) + 1);
  });

  it('sends a new contact’s two emergency messages in one batch one emergency acknowledgement', async () => {
    const psid = '7200000000000009';
    const acknowledging = { ...options, acknowledgements: createAcknowledgementPolicy({ isEnabled: true, periodMinutes: 60, templatesFile: null }) };
    const results = await ingestInboundBatch(
      database.db,
      [
        event(psid, { text: 'theres a lad outside the chippy on mill st waving a machete at people come quick' }),
        event(psid, { text: 'hes waving a machete at the door now come quick' }),
      ],
      acknowledging,
    );
    const stored = results.flatMap((result) => (result.stored ? [result] : []));
    expect(stored.map((result) => result.isEmergency)).toEqual([true, true]);
    const replies = await database.db.select().from(messages).where(eq(messages.threadId, stored[0]!.threadId));
    expect(replies.filter((message) => message.kind === 'auto')).toHaveLength(1);
  });

  it('keeps a known sender’s name when a message brings none, and takes a new name or handle when one does', async () => {
    const psid = '7200000000000011';
    const contactOf = async (result: Awaited<ReturnType<typeof ingestInboundEvent>>) => {
      if (!result.stored) throw new Error('not stored');
      const [thread] = await database.db.select({ contactId: threads.contactId }).from(threads).where(eq(threads.id, result.threadId));
      const [contact] = await database.db.select().from(contacts).where(eq(contacts.id, thread!.contactId));
      return contact!;
    };
    const named = await contactOf(await ingestInboundEvent(database.db, event(psid, { sender: { platformUserId: psid, displayName: 'Jo Bloggs', handle: 'jo_b' } }), options));
    const unnamed = await contactOf(await ingestInboundEvent(database.db, event(psid), options));
    expect(unnamed).toMatchObject({ id: named.id, displayName: 'Jo Bloggs', handle: 'jo_b' });
    const [renamed] = await ingestInboundBatch(
      database.db,
      [event(psid, { sender: { platformUserId: psid, displayName: 'Joanne Bloggs', handle: null } }), event(psid)],
      options,
    );
    expect(await contactOf(renamed!)).toMatchObject({ id: named.id, displayName: 'Joanne Bloggs', handle: 'jo_b' });
  });

  it('stores a message cut in the middle of an emoji along with the rest of its batch', async () => {
    const cut = event('7200000000000010', { text: 'My phone was taken \ud83d' });
    const whole = event('7200000000000010', { text: 'It was outside the station 😡' });
    // Typed by a person, not cut: kept as typed.
    const typed = event('7200000000000010', { text: 'The code on the box was \\ud83d \\\ud83d' });
    const results = await ingestInboundBatch(database.db, [cut, whole, typed], options);
    expect(results.map((result) => result.stored)).toEqual([true, true, true]);
    const textOf = async (platformMessageId: string) =>
      (await database.db.select({ text: messages.text }).from(messages).where(eq(messages.platformMessageId, platformMessageId)))[0]!.text;
    expect(await textOf(cut.platformMessageId)).toBe('My phone was taken \ufffd');
    expect(await textOf(whole.platformMessageId)).toBe('It was outside the station 😡');
    expect(await textOf(typed.platformMessageId)).toBe('The code on the box was \\ud83d \\\ufffd');
  });

  it('gives a new conversation one thread when two batches bring its messages at once', async () => {
    const psid = '7200000000000005';
    const batches = ['7200000000000007', '7200000000000008'].map((other) => [event(psid), event(other)]);
    const results = (await Promise.all(batches.map((batch) => ingestInboundBatch(database.db, batch, options)))).flat();
    const threadIds = new Set(results.flatMap((result, index) => (result.stored && index % 2 === 0 ? [result.threadId] : [])));
    expect(threadIds.size).toBe(1);
    expect(results.filter((result) => result.stored && result.isNewThread && threadIds.has(result.threadId))).toHaveLength(1);
  });

  it('finds a message’s search words in its thread once stored in a batch', async () => {
    const [stored] = await ingestInboundBatch(database.db, [event('7200000000000006', { text: 'Scooter nicked near the quayside' })], options);
    if (!stored?.stored) throw new Error('not stored');
    const [thread] = await database.db.select({ searchVector: threads.searchVector }).from(threads).where(eq(threads.id, stored.threadId));
    expect(thread!.searchVector).toContain('quayside');
  });
});

describe('the inbound worker storing its jobs in batches', () => {
  const prefix = `test-batch-${randomUUID()}`;
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'test');
  let queues: DeskQueues;
  let worker: Worker;
  beforeAll(() => {
    queues = createQueues(redis, prefix);
    const logger = createLogger('silent');
    const processInbound = createInboundProcessor(
      {
        db: database.db,
        connectors: new ConnectorRegistry([]),
        queues,
        notifier: createAgentNotifier(redis, `${prefix}-socket.io`, createThreadAccess(database.db, {}), logger),
        logger,
        ...options,
      },
      // One batch of three: all three jobs start within the second.
      { maxSize: 3, maxWaitMs: 1_000 },
    );
    worker = new Worker(QUEUE_NAMES.inbound, processInbound, { connection: redis, prefix, concurrency: 3 });
  });
  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    redis.disconnect();
  });

  it('stores the other messages of a batch when one of them cannot be stored', async () => {
    // PostgreSQL refuses a NUL character in text: the batch's transaction fails as a whole.
    const events = [event('7200000000000011'), event('7200000000000012', { text: 'Broken \u0000 text' }), event('7200000000000013')];
    const settled = new Map<string, 'completed' | 'failed'>();
    const allSettled = new Promise<void>((resolve) => {
      const settle = (state: 'completed' | 'failed') => (job: Job | undefined) => {
        if (job?.id) settled.set(job.id, state);
        if (settled.size === events.length) resolve();
      };
      worker.on('completed', settle('completed'));
      worker.on('failed', settle('failed'));
    });
    const jobs = await queues.inbound.addBulk(events.map((data) => ({ name: 'message', data, opts: { attempts: 1 } })));
    await allSettled;
    expect(jobs.map((job) => settled.get(job.id!))).toEqual(['completed', 'failed', 'completed']);
    expect(await storedCount([events[0]!.platformMessageId, events[2]!.platformMessageId])).toBe(2);
  });

  it('stores every readable message of a webhook batch job, skipping one it cannot read', async () => {
    const readable = [event('7200000000000021'), event('7200000000000022')];
    const job = await queues.inbound.add('webhook-batch', { events: [readable[0]!, { channel: 'facebook', text: 'no ids' } as unknown as InboundEvent, readable[1]!] }, { attempts: 1 });
    const state = await new Promise<string>((resolve) => {
      worker.on('completed', (done) => done.id === job.id && resolve('completed'));
      worker.on('failed', (failed) => failed?.id === job.id && resolve('failed'));
    });
    expect(state).toBe('completed');
    expect(await storedCount(readable.map((message) => message.platformMessageId))).toBe(2);
  });
});
