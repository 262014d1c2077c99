import { eq } from 'drizzle-orm';
import type { AgentView, AssignmentRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { threads } from '../db/schema';
import { HttpError } from '../http/errors';
import { isActiveAgent, teamExists } from '../teams/teams.service';

/**
 * Gives a thread to an agent and/or a team. Agents may take a thread, let go of their own, or
 * hand it to a team; putting it on a colleague's plate is a supervisor's call.
 * A new thread someone takes becomes open: it is being worked.
 */
export async function assignThread(db: Database, actor: AgentView, threadId: string, request: AssignmentRequest): Promise<void> {
  const [thread] = await db.select({ assigneeId: threads.assigneeId, status: threads.status, teamId: threads.teamId }).from(threads).where(eq(threads.id, threadId));
  if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');

  const { assigneeId } = request;
  const isAboutSelfOnly = assigneeId === actor.id || (assigneeId === null && (thread.assigneeId === null || thread.assigneeId === actor.id));
  if (actor.role === 'agent' && !isAboutSelfOnly) {
    throw new HttpError(403, 'forbidden', 'Only a supervisor can give a thread to someone else or take it from them.');
  }
  if (assigneeId !== null && !(await isActiveAgent(db, assigneeId))) throw new HttpError(400, 'invalid_request', 'assigneeId: no such active agent');
  const teamId = request.teamId === undefined ? thread.teamId : request.teamId;
  if (teamId !== null && !(await teamExists(db, teamId))) throw new HttpError(400, 'invalid_request', 'teamId: no such team');

  await db.transaction(async (tx) => {
    await tx
      .update(threads)
      .set({ assigneeId, teamId, status: assigneeId !== null && thread.status === 'new' ? 'open' : thread.status })
      .where(eq(threads.id, threadId));
    await recordAudit(tx, { action: 'thread.assigned', actorAgentId: actor.id, threadId, details: { assigneeId, teamId } });
  });
}
