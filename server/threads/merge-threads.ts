import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { messages, threads } from '../db/schema';
import { HttpError } from '../http/errors';

/**
 * Merges one thread into another: its messages move over, its tags join, the later activity wins,
 * and it is closed and pointed at the other, so new messages of its conversation arrive there
 * (ingest follows `merged_into_id`). Returns the id of the system message left on the target.
 */
export async function mergeThreads(db: Database, actorId: string, sourceId: string, targetId: string): Promise<string> {
  if (sourceId === targetId) throw new HttpError(400, 'invalid_request', 'intoThreadId: a thread cannot be merged into itself');
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: threads.id, reference: threads.reference, mergedIntoId: threads.mergedIntoId, channelId: threads.channelId })
      .from(threads)
      .where(inArray(threads.id, [sourceId, targetId]))
      .orderBy(threads.id)
      .for('update');
    const source = rows.find((row) => row.id === sourceId);
    const target = rows.find((row) => row.id === targetId);
    if (!source || !target) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    if (source.mergedIntoId || target.mergedIntoId) throw new HttpError(409, 'already_merged', 'One of these threads was already merged into another.');

    await tx.update(messages).set({ threadId: targetId }).where(eq(messages.threadId, sourceId));
    await tx.execute(sql`
      update threads as t set
        tags = array(select distinct unnest(t.tags || s.tags) order by 1),
        last_message_preview = case when t.last_message_at >= s.last_message_at then t.last_message_preview else s.last_message_preview end,
        last_message_at = greatest(t.last_message_at, s.last_message_at),
        last_inbound_at = greatest(t.last_inbound_at, s.last_inbound_at),
        search_vector = t.search_vector || s.search_vector
      from threads as s
      where t.id = ${targetId} and s.id = ${sourceId}`);
    // Threads merged into the source follow it, so every pointer is one step.
    await tx.update(threads).set({ mergedIntoId: targetId }).where(eq(threads.mergedIntoId, sourceId));
    await tx.update(threads).set({ mergedIntoId: targetId, status: 'closed', lastMessagePreview: `Merged into ${target.reference}` }).where(eq(threads.id, sourceId));
    const [note] = await tx
      .insert(messages)
      .values({
        threadId: targetId,
        channelId: target.channelId,
        direction: 'out',
        kind: 'system',
        text: `${source.reference} was merged into this thread.`,
        authorAgentId: actorId,
        deliveryStatus: 'sent',
        sentAt: new Date(),
      })
      .returning({ id: messages.id });
    await recordAudit(tx, { action: 'thread.merged', actorAgentId: actorId, threadId: targetId, details: { from: sourceId } });
    return note!.id;
  });
}
