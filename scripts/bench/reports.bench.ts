// The managers' reports on 1 M messages, against a PostgreSQL server:
//   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/test npx tsx scripts/bench/reports.bench.ts
// (TEST_DATABASE_URL is used when BENCH_DATABASE_URL is not set.) Seeds a throwaway database with
// a year of desk history — 100,000 threads × 10 messages, November 2025 to October 2026 — then
// times the report the API serves for one month and for the whole year, through the same service.
// Targets: a month ≤ 300 ms, a year ≤ 1 s. Prints a table, then one line of JSON.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { reportQuerySchema } from '../../shared/reports';
import { openDatabase } from '../../server/db/database';
import { buildReport } from '../../server/reports/reports.service';
import { createTestDatabase } from '../testing/test-database';

const THREADS = Number(process.env.BENCH_THREADS ?? 100_000);
const MESSAGES_PER_THREAD = 10;
const RUNS = 10;

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
  await seed();
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

async function seed() {
  await db.execute(sql`insert into agents (name, email, password_hash, role) select 'Bench agent ' || i, 'bench' || i || '@desk.test', 'x', 'agent' from generate_series(1, 20) as i`);
  await db.execute(sql`insert into teams (name) select 'Bench team ' || i from generate_series(1, 5) as i`);
  await db.execute(sql`
    insert into channels (type, account_id, display_name)
    values ('facebook', 'bench', 'Bench Page'), ('twitter', 'bench', 'Bench X'), ('webchat', 'bench', 'Bench chat'), ('report_form', 'bench', 'Bench form')`);
  await db.execute(sql`
    insert into contacts (channel_id, platform_user_id)
    select (select id from channels order by type offset (i % 4) limit 1), 'person' || i from generate_series(1, ${THREADS}) as i`);
  // Threads spread evenly over the year, opened at any hour; triage, team and assignee vary.
  await db.execute(sql`
    insert into threads (reference, channel_id, platform_conversation_id, contact_id, status, risk, category, language, team_id, assignee_id,
      last_message_at, created_at, sla_due_at, first_response_at, restricted)
    select 'SMD-B-' || lpad(c.n::text, 6, '0'), c.channel_id, 'conv' || c.n, c.id,
      (array['closed','closed','closed','closed','open','pending','closed','escalated'])[1 + c.n % 8],
      (array['routine','routine','routine','routine','priority','priority','emergency'])[1 + c.n % 7],
      (array['crime-report','advice','road-traffic','asb','update-request','welfare-concern','domestic-abuse','non-police','missing-person'])[1 + c.n % 9],
      (array['en','en','en','cy'])[1 + c.n % 4],
      (select id from teams order by name offset (c.n % 5) limit 1),
      case when c.n % 6 <> 0 then (select id from agents order by email offset (c.n % 20) limit 1) end,
      opened + interval '3 hours', opened, opened + interval '1 hour',
      case when c.n % 5 <> 0 then opened + (c.n % 180) * interval '1 minute' end,
      c.n % 9 = 6
    from (select id, channel_id, row_number() over (order by platform_user_id) as n from contacts) as c,
      lateral (select timestamptz '2025-11-01 00:00:00+00' + (c.n::float8 / ${THREADS}) * interval '365 days' as opened) as o`);
  await db.execute(sql`update threads set closed_at = created_at + (1 + (hashtext(id::text) & 47)) * interval '1 hour' where status = 'closed'`);
  // One pass at the end instead of the per-message triggers: the same counters, faster seeding.
  await db.execute(sql`alter table messages disable trigger messages_feed_thread_search`);
  await db.execute(sql`alter table messages disable trigger messages_count_for_reports`);
  // Per thread: 6 inbound, 1 automatic acknowledgement, 3 replies by the assignee (or agent 1).
  await db.execute(sql`
    insert into messages (thread_id, channel_id, direction, kind, text, delivery_status, sent_at, author_agent_id, category, risk, language)
    select t.id, t.channel_id,
      case when m in (2, 5, 8, 10) then 'out' else 'in' end,
      case when m = 2 then 'auto' else 'text' end,
      'bench message', case when m in (2, 5, 8, 10) then 'sent' else 'received' end,
      t.created_at + (m - 1) * interval '20 minutes',
      case when m in (5, 8, 10) then coalesce(t.assignee_id, (select id from agents order by email limit 1)) end,
      case when m not in (2, 5, 8, 10) then t.category end,
      case when m not in (2, 5, 8, 10) then t.risk end,
      case when m not in (2, 5, 8, 10) then t.language end
    from threads t, generate_series(1, ${MESSAGES_PER_THREAD}) as m`);
  await db.execute(sql`alter table messages enable trigger messages_count_for_reports`);
  await db.execute(sql`alter table messages enable trigger messages_feed_thread_search`);
  // The same aggregate the migration backfills the counters with.
  await db.execute(sql`
    insert into report_daily_counts (day, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
    select (m.sent_at at time zone 'Europe/London')::date, c.type, m.direction, m.kind, m.category, m.risk, m.language, t.team_id, m.author_agent_id, count(*)
    from messages m join channels c on c.id = m.channel_id join threads t on t.id = m.thread_id
    where m.kind in ('text', 'auto') group by 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  await db.execute(sql`
    insert into report_monthly_counts (month, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
    select date_trunc('month', day)::date, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, sum(messages)
    from report_daily_counts group by 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  await db.execute(sql`
    insert into report_hourly_counts (hour, channel_type, direction, kind, messages)
    select date_trunc('hour', m.sent_at at time zone 'Europe/London'), c.type, m.direction, m.kind, count(*)
    from messages m join channels c on c.id = m.channel_id
    where m.kind in ('text', 'auto') group by 1, 2, 3, 4`);
  await db.execute(sql`
    insert into escalations (thread_id, team_id, reason, urgency, status, raised_by_agent_id, raised_at, acknowledged_at, resolved_at)
    select t.id, t.team_id, 'bench', 'routine', case when t.status = 'escalated' then 'raised' else 'resolved' end, coalesce(t.assignee_id, (select id from agents order by email limit 1)),
      t.created_at + interval '30 minutes', t.created_at + interval '40 minutes',
      case when t.status <> 'escalated' then t.created_at + interval '3 hours' end
    from threads t where t.status = 'escalated' or t.id::text like '0%'`);
  await db.execute(sql`vacuum analyze`);
}
