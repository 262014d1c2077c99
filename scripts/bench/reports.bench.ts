// The managers' reports on 1 M messages, against a PostgreSQL server:
//   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/test npx tsx scripts/bench/reports.bench.ts
// (TEST_DATABASE_URL is used when BENCH_DATABASE_URL is not set.) Seeds a throwaway database with
// a year of desk history (scripts/bench/seed-history.ts: 100,000 threads × 10 messages,
// November 2025 to October 2026; BENCH_THREADS for fewer), then
// times the report the API serves for one month and for the whole year, through the same service.
// Targets: a month ≤ 300 ms, a year ≤ 1 s. Prints a table, then one line of JSON.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { reportQuerySchema } from '../../shared/reports';
import { openDatabase } from '../../server/db/database';
import { buildReport } from '../../server/reports/reports.service';
import { createTestDatabase } from '../testing/test-database';
import { seedDeskHistory } from './seed-history';

const THREADS = Number(process.env.BENCH_THREADS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server: the bench measures the production database, not PGlite.');
  process.exit(1);
}
process.env.TEST_DATABASE_URL = serverUrl;

const database = await createTestDatabase();
const handle = await openDatabase(database.location);
const { db } = handle;

try {
  const seedStarted = performance.now();
  await seedDeskHistory(db, THREADS);
  const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
  const [{ messages, counter_rows: counterRows }] = ((await db.execute(
    sql`select (select count(*) from messages)::int as messages, (select count(*) from report_daily_counts)::int + (select count(*) from report_monthly_counts)::int + (select count(*) from report_hourly_counts)::int as counter_rows`,
  )) as unknown as { rows: Array<{ messages: number; counter_rows: number }> }).rows as [{ messages: number; counter_rows: number }];
  console.log(`seeded ${THREADS.toLocaleString()} threads, ${messages.toLocaleString()} messages (${counterRows.toLocaleString()} counter rows) in ${seedSeconds} s`);

  const cases = [
    ['month: October 2026, by day', { from: '2026-10-01', to: '2026-10-31', bucket: 'day' }],
    ['month: October 2026, by hour of day', { from: '2026-10-01', to: '2026-10-31', bucket: 'hour' }],
    ['year: Nov 2025 – Oct 2026, by month', { from: '2025-11-01', to: '2026-10-31', bucket: 'month' }],
    ['year: Nov 2025 – Oct 2026, by week', { from: '2025-11-01', to: '2026-10-31', bucket: 'week' }],
  ] as const;
  const medians: Record<string, number> = {};
  console.log(`\n${'report'.padEnd(40)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'inbound'.padStart(9)}`);
  for (const [name, query] of cases) {
    const parsed = reportQuerySchema.parse(query);
    const times: number[] = [];
    let inbound = 0;
    for (let run = 0; run < RUNS + 2; run++) {
      const started = performance.now();
      inbound = (await buildReport(db, parsed, { outcomeKinds: [] })).totals.inbound;
      if (run >= 2) times.push(performance.now() - started); // two warm-up runs
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!;
    medians[name] = median;
    console.log(`${name.padEnd(40)} ${`${median.toFixed(1)} ms`.padStart(9)} ${`${p95.toFixed(1)} ms`.padStart(9)} ${String(inbound).padStart(9)}`);
  }
  const figures = {
    messages,
    threads: THREADS,
    reportMonthMs: Math.round(Math.max(medians[cases[0][0]]!, medians[cases[1][0]]!)),
    reportYearMs: Math.round(Math.max(medians[cases[2][0]]!, medians[cases[3][0]]!)),
  };
  console.log(JSON.stringify(figures));
} finally {
  await handle.close();
  await database.drop();
}
