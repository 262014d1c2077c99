import { eq } from 'drizzle-orm';
import type { AgentView, StatusRequest } from '../../shared/api';
import type { ThreadStatus } from '../../shared/constants';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { threads } from '../db/schema';
import { HttpError } from '../http/errors';

/**
 * new → open → pending → closed, and back to open from pending or closed. An escalated thread
 * leaves that state only through its escalation (acknowledged, then handed back or closed).
 */
const ALLOWED: Record<ThreadStatus, ReadonlyArray<StatusRequest['status']>> = {
  new: ['open', 'pending', 'closed'],
  open: ['pending', 'closed'],
  pending: ['open', 'closed'],
  closed: ['open'],
  escalated: [],
};

export async function changeThreadStatus(db: Database, actor: AgentView, threadId: string, { status }: StatusRequest): Promise<void> {
  await db.transaction(async (tx) => {
    const [thread] = await tx.select({ status: threads.status }).from(threads).where(eq(threads.id, threadId)).for('update');
    if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    if (thread.status === status) return;
    if (!ALLOWED[thread.status].includes(status)) {
      const why = thread.status === 'escalated' ? ' while it is escalated: resolve the escalation' : '';
      throw new HttpError(409, 'status_not_allowed', `A ${thread.status} thread cannot become ${status}${why}.`);
    }
    await tx.update(threads).set({ status }).where(eq(threads.id, threadId));
    await recordAudit(tx, { action: 'thread.status_changed', actorAgentId: actor.id, threadId, details: { from: thread.status, to: status } });
  });
}
