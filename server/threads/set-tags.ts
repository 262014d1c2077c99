import { eq } from 'drizzle-orm';
import type { TagsRequest } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { threads } from '../db/schema';
import { HttpError } from '../http/errors';

export async function setThreadTags(db: Database, actorId: string, threadId: string, { tags }: TagsRequest): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx.update(threads).set({ tags }).where(eq(threads.id, threadId)).returning({ id: threads.id });
    if (updated.length === 0) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    await recordAudit(tx, { action: 'thread.tagged', actorAgentId: actorId, threadId, details: { tags } });
  });
}
