import { eq } from 'drizzle-orm';
import type { NoteRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { threads } from '../db/schema';
import { HttpError } from '../http/errors';
import { storeAgentMessageOnce } from '../replies/agent-message';

/**
 * A private note for colleagues: stored as a message of kind `note`, never queued for sending
 * (the outbound processor refuses notes too), and it does not count as a response to the public.
 */
export async function addNote(db: Database, threadId: string, agentId: string, note: NoteRequest): Promise<{ messageId: string; isNew: boolean }> {
  return db.transaction(async (tx) => {
    const [thread] = await tx.select({ channelId: threads.channelId }).from(threads).where(eq(threads.id, threadId));
    if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    const stored = await storeAgentMessageOnce(tx, {
      threadId,
      channelId: thread.channelId,
      agentId,
      clientId: note.clientId,
      kind: 'note',
      text: note.text,
      // Nothing to deliver: stored is as far as a note goes.
      deliveryStatus: 'sent',
      sentAt: new Date(),
    });
    if (stored.isNew) await recordAudit(tx, { action: 'note.added', actorAgentId: agentId, threadId, details: { messageId: stored.id } });
    return { messageId: stored.id, isNew: stored.isNew };
  });
}
