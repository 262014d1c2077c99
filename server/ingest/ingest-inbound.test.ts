import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { InboundEvent } from '../../shared/inbound';
import { messages, threads } from '../db/schema';
import { useTestDatabase } from '../../scripts/testing/use-test-database';
import { createAcknowledgementPolicy } from '../acknowledgements/policy';
import { createTriage } from '../triage/classify';
import { ingestInboundEvent, type IngestOptions } from './ingest-inbound';

const options: IngestOptions = {
  triage: createTriage(),
  acknowledgements: createAcknowledgementPolicy({ isEnabled: true, periodMinutes: 60, templatesFile: null }),
};
const at = (iso: string): IngestOptions => ({ ...options, receivedAt: new Date(iso) });

const database = useTestDatabase();

function event(overrides: Partial<InboundEvent> = {}): InboundEvent {
  return {
    channel: 'facebook',
    accountId: '104857600000001',
    platformMessageId: `m_${Math.random().toString(36).slice(2)}`,
    platformConversationId: '7100000000000001',
    sender: { platformUserId: '7100000000000001', displayName: 'Jo Bloggs', handle: null },
    text: 'My bike was stolen from outside the library',
    attachments: [],
    sentAt: new Date('2026-03-04T10:00:00Z').toISOString(),
    ...overrides,
  };
}

describe('ingesting an inbound message', () => {
  it('gives a new conversation a thread with the year’s next reference number', async () => {
    const first = await ingestInboundEvent(database.db, event({ platformConversationId: 'conv-a', sender: { platformUserId: 'conv-a', displayName: null, handle: null } }), at('2026-05-01T00:00:00Z'));
    const second = await ingestInboundEvent(database.db, event({ platformConversationId: 'conv-b', sender: { platformUserId: 'conv-b', displayName: null, handle: null } }), at('2026-05-01T00:00:01Z'));
    const references = await Promise.all(
      [first, second].map(async (result) => {
        if (!result.stored) throw new Error('not stored');
        const [thread] = await database.db.select().from(threads).where(eq(threads.id, result.threadId));
        return thread!.reference;
      }),
    );
    expect(references[0]).toMatch(/^SMD-2026-\d{6}$/);
    expect(Number(references[1]!.slice(-6))).toBe(Number(references[0]!.slice(-6)) + 1);
  });

  it('starts the count again at 000001 in a new year', async () => {
    const result = await ingestInboundEvent(database.db, event({ platformConversationId: 'conv-2027', sender: { platformUserId: 'conv-2027', displayName: null, handle: null } }), at('2027-01-01T00:00:05Z'));
    if (!result.stored) throw new Error('not stored');
    const [thread] = await database.db.select().from(threads).where(eq(threads.id, result.threadId));
    expect(thread!.reference).toBe('SMD-2027-000001');
  });

  it('stores the same platform message ingested concurrently exactly once', async () => {
    const repeated = event({ platformMessageId: 'm_concurrent', platformConversationId: 'conv-c', sender: { platformUserId: 'conv-c', displayName: null, handle: null } });
    const results = await Promise.all([1, 2, 3].map(() => ingestInboundEvent(database.db, repeated, options)));
    expect(results.filter((result) => result.stored)).toHaveLength(1);
    const rows = await database.db.select().from(messages).where(eq(messages.platformMessageId, 'm_concurrent'));
    expect(rows).toHaveLength(1);
  });

  it('puts later messages of the same conversation in the same thread, keeping the newest as its preview', async () => {
    const conversation = { platformConversationId: 'conv-d', sender: { platformUserId: 'conv-d', displayName: 'Sam', handle: null } };
    const newer = await ingestInboundEvent(database.db, event({ ...conversation, text: 'second', sentAt: '2026-03-04T10:05:00.000Z' }), options);
    const older = await ingestInboundEvent(database.db, event({ ...conversation, text: 'first', sentAt: '2026-03-04T10:00:00.000Z' }), options);
    if (!newer.stored || !older.stored) throw new Error('not stored');
    expect(older.threadId).toBe(newer.threadId);
    expect(older.isNewThread).toBe(false);
    const [thread] = await database.db.select().from(threads).where(eq(threads.id, newer.threadId));
    expect(thread!.lastMessagePreview).toBe('second');
  });
});
