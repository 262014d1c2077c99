import { and, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { contacts, escalations, messages, threads } from '../db/schema';

export interface PurgeCounts {
  threads: number;
  messages: number;
  attachments: number;
  contacts: number;
}

const BATCH = 500;

/**
 * Retention: a thread closed longer than the period loses its messages (with their attachments
 * and notes), its preview, risk reasons, tags and the platform's id of the conversation; the
 * sender's name, handle and platform id go too once none of their threads is still held. The
 * thread row stays, emptied, so its reference, dates and the report counts (kept apart) survive,
 * and so do the audit events pointing at it.
 */
export async function purgeClosedThreads(db: Database, closedDays: number, now = new Date()): Promise<PurgeCounts> {
  const cutoff = new Date(now.getTime() - closedDays * 24 * 3600 * 1000);
  const totals: PurgeCounts = { threads: 0, messages: 0, attachments: 0, contacts: 0 };
  if (closedDays === 0) return totals; // 0 keeps every thread
  for (;;) {
    const batch = await purgeBatch(db, cutoff);
    for (const key of Object.keys(totals) as Array<keyof PurgeCounts>) totals[key] += batch[key];
    if (batch.threads < BATCH) break;
  }
  return totals;
}

async function purgeBatch(db: Database, cutoff: Date): Promise<PurgeCounts> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: threads.id, contactId: threads.contactId })
      .from(threads)
      .where(and(lt(threads.closedAt, cutoff), isNull(threads.purgedAt)))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return { threads: 0, messages: 0, attachments: 0, contacts: 0 };
    const threadIds = due.map((thread) => thread.id);

    const removed = await tx
      .delete(messages)
      .where(inArray(messages.threadId, threadIds))
      .returning({ attachments: sql<number>`jsonb_array_length(${messages.attachments})` });
    await tx.update(escalations).set({ reason: '', outcome: null }).where(inArray(escalations.threadId, threadIds));
    await tx
      .update(threads)
      .set({
        purgedAt: sql`now()`,
        lastMessagePreview: '',
        riskReasons: [],
        tags: [],
        platformConversationId: sql`'purged:' || ${threads.id}`,
        searchVector: sql`''::tsvector`,
      })
      .where(inArray(threads.id, threadIds));

    // A sender is forgotten only when no thread of theirs is still held.
    const contactIds = [...new Set(due.map((thread) => thread.contactId))];
    const stillHeld = tx.select({ contactId: threads.contactId }).from(threads).where(and(inArray(threads.contactId, contactIds), isNull(threads.purgedAt)));
    const forgotten = await tx
      .update(contacts)
      .set({ displayName: null, handle: null, platformUserId: sql`'purged:' || ${contacts.id}` })
      .where(and(inArray(contacts.id, contactIds), notInArray(contacts.id, stillHeld), sql`${contacts.platformUserId} not like 'purged:%'`))
      .returning({ id: contacts.id });

    return {
      threads: due.length,
      messages: removed.length,
      attachments: removed.reduce((sum, row) => sum + Number(row.attachments), 0),
      contacts: forgotten.length,
    };
  });
}
