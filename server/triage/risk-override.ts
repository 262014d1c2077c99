import { eq } from 'drizzle-orm';
import type { RiskOverrideRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { threads } from '../db/schema';
import { HttpError } from '../http/errors';

/** An agent sets a thread's risk by hand; triage of later messages then leaves it alone. Audited. */
export async function overrideThreadRisk(db: Database, threadId: string, agentId: string, request: RiskOverrideRequest): Promise<void> {
  await db.transaction(async (tx) => {
    const [thread] = await tx.select({ risk: threads.risk }).from(threads).where(eq(threads.id, threadId)).for('update');
    if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    await tx
      .update(threads)
      .set({ risk: request.risk, isRiskOverridden: true, riskReasons: [`Set by an agent: ${request.reason}`] })
      .where(eq(threads.id, threadId));
    await recordAudit(tx, {
      action: 'thread.risk_overridden',
      actorAgentId: agentId,
      threadId,
      details: { from: thread.risk, to: request.risk },
    });
  });
}
