import { sql } from 'drizzle-orm';
import { REFERENCE_PREFIX } from '../../shared/constants';
import type { Transaction } from '../db/database';

/**
 * The year's next `count` public references, e.g. SMD-2026-000123, in one statement. The counter
 * row is locked by the upsert until the transaction ends, so concurrent threads never share a
 * number, and a batch of new threads takes the lock once rather than once per thread. Numbering
 * stays gap-free: a transaction that rolls back gives its numbers back.
 */
export async function issueReferenceNumbers(tx: Transaction, at: Date, count: number): Promise<string[]> {
  if (count === 0) return [];
  const year = at.getUTCFullYear();
  const result = (await tx.execute(sql`
    insert into reference_counters (year, last_value) values (${year}, ${count})
    on conflict (year) do update set last_value = reference_counters.last_value + excluded.last_value
    returning last_value`)) as unknown as { rows: Array<{ last_value: number }> };
  const last = result.rows[0]?.last_value;
  if (last === undefined) throw new Error('Reference counter upsert returned no row');
  return Array.from({ length: count }, (_, index) => `${REFERENCE_PREFIX}-${year}-${String(last - count + 1 + index).padStart(6, '0')}`);
}
