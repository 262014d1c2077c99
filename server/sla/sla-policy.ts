import { eq, sql } from 'drizzle-orm';
import type { SlaTarget } from '../config';
import type { Database, Transaction } from '../db/database';
import { channels, slaPolicies, threads } from '../db/schema';

/** Replaces the stored policy with the configured one, at start. */
export async function storeSlaPolicy(db: Database, targets: SlaTarget[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(slaPolicies);
    if (targets.length > 0) {
      await tx.insert(slaPolicies).values(targets.map((target) => ({ channelType: target.channel, risk: target.risk, minutes: target.minutes })));
    }
  });
}

/**
 * Sets when the thread's first response is due: from when it arrived, by its channel's target for
 * its risk (or the default target). Call again whenever the risk changes (triage, "mark emergency").
 */
export async function refreshSlaDueAt(db: Database | Transaction, threadId: string): Promise<void> {
  const minutes = sql`(
    select ${slaPolicies.minutes} from ${slaPolicies}
    where ${slaPolicies.risk} = ${threads.risk}
      and (${slaPolicies.channelType} = (select ${channels.type} from ${channels} where ${channels.id} = ${threads.channelId})
           or ${slaPolicies.channelType} is null)
    order by ${slaPolicies.channelType} nulls last
    limit 1
  )`;
  await db
    .update(threads)
    .set({ slaDueAt: sql`${threads.createdAt} + ${minutes} * interval '1 minute'` })
    .where(eq(threads.id, threadId));
}
