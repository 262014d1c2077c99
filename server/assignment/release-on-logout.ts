import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { threads } from '../db/schema';

/**
 * An agent who signs off must not leave members of the public waiting on them: their threads
 * still waiting for a first answer go back to the queue (unassigned). Returns those threads' ids.
 */
export async function releaseUnansweredThreads(db: Database, agentId: string): Promise<string[]> {
  const released = await db
    .update(threads)
    .set({ assigneeId: null })
    .where(and(eq(threads.assigneeId, agentId), inArray(threads.status, ['new', 'open']), isNull(threads.firstResponseAt)))
    .returning({ id: threads.id });
  for (const { id } of released) {
    await recordAudit(db, { action: 'thread.released_on_logout', actorAgentId: agentId, threadId: id });
  }
  return released.map((thread) => thread.id);
}
