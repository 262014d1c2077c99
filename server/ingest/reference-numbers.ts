import { sql } from 'drizzle-orm';
import { REFERENCE_PREFIX } from '../../shared/constants';
import type { Transaction } from '../db/database';
import { referenceCounters } from '../db/schema';

/**
 * The next public reference of the year, e.g. SMD-2026-000123. The counter row is locked by the
 * upsert until the transaction ends, so concurrent threads never share a number.
 */
export async function issueReferenceNumber(tx: Transaction, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const [counter] = await tx
    .insert(referenceCounters)
    .values({ year, lastValue: 1 })
    .onConflictDoUpdate({ target: referenceCounters.year, set: { lastValue: sql`${referenceCounters.lastValue} + 1` } })
    .returning({ value: referenceCounters.lastValue });
  if (!counter) throw new Error('Reference counter upsert returned no row');
  return `${REFERENCE_PREFIX}-${year}-${String(counter.value).padStart(6, '0')}`;
}
