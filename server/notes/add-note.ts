import { eq } from 'drizzle-orm';
import type { NoteRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { messages, threads } from '../db/schema';
import { HttpError } from '../http/errors';

/**
 * A private note for colleagues: stored as a message of kind `note`, never queued for sending
 * (the outbound processor refuses notes too), and it does not count as a response to the public.
 */
export async function addNote(db: Database, threadId: string, agentId: string, note: NoteRequest): Promise<{ messageId: string; isNew: boolean }> {
  return db.transaction(async (tx) => {
    const [thread] = await tx.select({ channelId: threads.channelId }).from(threads).where(eq(threads.id, threadId));
    if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    const [inserted] = await tx
      .insert(messages)
      .values({
        threadId,
        channelId: thread.channelId,
        direction: 'out',
        kind: 'note',
        text: note.text,
        clientId: note.clientId,
        authorAgentId: agentId,
        // Nothing to deliver: stored is as far as a note goes.
        deliveryStatus: 'sent',
        sentAt: new Date(),
      })
      .onConflictDoNothing({ target: messages.clientId })
      .returning({ id: messages.id });
    if (!inserted) {
      const [earlier] = await tx.select({ id: messages.id, threadId: messages.threadId, kind: messages.kind }).from(messages).where(eq(messages.clientId, note.clientId));
      if (!earlier || earlier.threadId !== threadId || earlier.kind !== 'note') {
        throw new HttpError(409, 'client_id_conflict', 'This note id was already used for something else.');
      }
      return { messageId: earlier.id, isNew: false };
    }
    await recordAudit(tx, { action: 'note.added', actorAgentId: agentId, threadId, details: { messageId: inserted.id } });
    return { messageId: inserted.id, isNew: true };
  });
}
