// The thread list and search on 1 M messages, against a PostgreSQL server:
//   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/test npx tsx scripts/bench/thread-search.bench.ts
// (TEST_DATABASE_URL is used when BENCH_DATABASE_URL is not set.) Seeds a throwaway database
// (100,000 threads × 10 messages; BENCH_THREADS for fewer), then times each query the inbox
// sends, through the same service the API uses. Target: ≤ 200 ms. Prints a table, then one line
// of JSON: the slowest median of the lists (listMs) and of the searches (searchMs).
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { threadListQuerySchema, type ThreadListQuery } from '../../shared/api';
import { openDatabase } from '../../server/db/database';
import { agents } from '../../server/db/schema';
import { createThreadAccess } from '../../server/access/thread-access';
import { listThreads } from '../../server/threads/threads.service';
import { createTestDatabase } from '../testing/test-database';

const THREADS = Number(process.env.BENCH_THREADS ?? 100_000);
const MESSAGES_PER_THREAD = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server: the bench measures the production database, not PGlite.');
  process.exit(1);
}
process.env.TEST_DATABASE_URL = serverUrl;

const database = await createTestDatabase();
const handle = await openDatabase(database.location);
const { db } = handle;
const access = createThreadAccess(db, {});

try {
  const seedStarted = performance.now();
  await seed();
  console.log(`seeded ${THREADS.toLocaleString()} threads, ${(THREADS * MESSAGES_PER_THREAD).toLocaleString()} messages in ${Math.round((performance.now() - seedStarted) / 1000)} s`);

  const [agent] = await db.select({ id: agents.id }).from(agents).limit(1);
  const cases: Array<[string, Partial<ThreadListQuery>]> = [
    ['list: Needs attention', { view: 'attention' }],
    ['list: All, newest first', { view: 'all' }],
    ['list: Closed, risk=priority, language=cy', { view: 'closed', risk: ['priority'], language: ['cy'] }],
    ['search: rare word (12 messages)', { q: 'trampoline' }],
    ['search: common word (~4% of messages)', { q: 'car' }],
    ['search: two words', { q: 'stolen bike' }],
    ['search: contact name', { q: 'quince' }],
    ['search: reference number', { q: `SMD-2026-${String(Math.floor(THREADS / 2)).padStart(6, '0')}` }],
    ['search within Needs attention', { view: 'attention', q: 'car' }],
  ];
  const medians: Record<string, number> = {};
  console.log(`\n${'query'.padEnd(44)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'rows'.padStart(6)}`);
  for (const [name, query] of cases) {
    const parsed = threadListQuerySchema.parse(query);
    let rows = 0;
    const times: number[] = [];
    for (let run = 0; run < RUNS + 2; run++) {
      const started = performance.now();
      rows = (await listThreads(db, agent!.id, access, parsed)).length;
      if (run >= 2) times.push(performance.now() - started); // two warm-up runs
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!;
    medians[name] = median;
    console.log(`${name.padEnd(44)} ${`${median.toFixed(1)} ms`.padStart(8)} ${`${p95.toFixed(1)} ms`.padStart(8)} ${String(rows).padStart(6)}`);
  }
  const slowest = (kind: string) => Math.round(Math.max(...cases.filter(([name]) => name.startsWith(kind)).map(([name]) => medians[name]!)));
  console.log(JSON.stringify({ messages: THREADS * MESSAGES_PER_THREAD, threads: THREADS, listMs: slowest('list'), searchMs: slowest('search') }));
} finally {
  await handle.close();
  await database.drop();
}

async function seed() {
  await db.execute(sql`insert into agents (name, email, password_hash, role) values ('Bench Agent', 'bench@desk.test', 'x', 'agent')`);
  await db.execute(sql`insert into channels (type, account_id, display_name) values ('facebook', 'bench', 'Bench Page')`);
  await db.execute(sql`
    insert into contacts (channel_id, platform_user_id, display_name)
    select (select id from channels limit 1), 'psid' || i,
      case when i = 4242 then 'Bartholomew Quince'
           else (array['Jo','Sam','Alex','Gwen','Rhys','Priya','Tom','Megan'])[1 + i % 8] || ' ' ||
                (array['Jones','Williams','Davies','Evans','Thomas','Roberts','Hughes','Lewis','Khan','Smith'])[1 + (i / 8) % 10]
      end
    from generate_series(1, ${THREADS}) as i`);
  await db.execute(sql`
    insert into threads (reference, channel_id, platform_conversation_id, contact_id, status, risk, language, last_message_at, last_inbound_at, created_at, sla_due_at, first_response_at)
    select 'SMD-2026-' || lpad(c.n::text, 6, '0'), c.channel_id, 'conv' || c.n, c.id,
      (array['new','open','pending','closed','closed','closed','closed','escalated'])[1 + c.n % 8],
      (array['routine','routine','routine','routine','priority','priority','emergency'])[1 + c.n % 7],
      (array['en','en','en','cy'])[1 + c.n % 4],
      now() - (c.n % 43200) * interval '1 minute', now() - (c.n % 43200) * interval '1 minute',
      now() - (c.n % 43200) * interval '1 minute' - interval '1 hour',
      now() - (c.n % 43200) * interval '1 minute' + interval '23 hours',
      case when c.n % 3 = 0 then now() - (c.n % 43200) * interval '1 minute' end
    from (select id, channel_id, row_number() over (order by platform_user_id) as n from contacts) as c`);
  // One pass at the end instead of the per-message trigger: same search documents, faster seeding.
  // The report counters are not read here; upserting them per row made seeding crawl.
  await db.execute(sql`alter table messages disable trigger messages_feed_thread_search`);
  await db.execute(sql`alter table messages disable trigger messages_count_for_reports`);
  // Words as people write them to a police desk, English and Welsh; 8 a message.
  await db.execute(sql`
    with words as (
      select array['car','stolen','bike','noise','neighbour','road','closed','lost','dog','found','wallet','speeding',
        'parking','drive','blocked','van','fence','garden','shed','burglary','window','broken','phone','scam','bank',
        'fraud','threat','online','message','school','children','park','night','party','music','loud','street','light',
        'accident','junction','lorry','fuel','spill','cattle','field','gate','open','sheep','dog','walker','footpath',
        'diolch','car','beic','wedi','ei','ddwyn','heddlu','helpu','ffordd','ar','gau','cymydog','swn','nos','plant',
        'ysgol','parc','ffôn','sgam','banc','twyll','neges','bygythiad','ar-lein','golau','stryd','damwain','cyffordd',
        'please','help','urgent','today','yesterday','morning','evening','thanks','hello','hi','reference','report',
        'update','still','waiting','again','same','problem','address','near','outside','behind','opposite','corner'] as w
    )
    insert into messages (thread_id, channel_id, direction, kind, text, platform_message_id, delivery_status, sent_at)
    select t.id, t.channel_id, case when m % 3 = 2 then 'out' else 'in' end, 'text',
      (select string_agg(w[1 + ((t.n * 31 + m * 17 + k * 7919 + k * k * m) % array_length(w, 1))], ' ') from generate_series(1, 8) as k),
      'mid.' || t.n || '.' || m, case when m % 3 = 2 then 'sent' else 'received' end,
      t.last_message_at - (${MESSAGES_PER_THREAD} - m) * interval '5 minutes'
    from (select id, channel_id, last_message_at, row_number() over (order by reference) as n from threads) as t,
      generate_series(1, ${MESSAGES_PER_THREAD}) as m, words`);
  await db.execute(sql`
    update messages set text = text || ' trampoline'
    where id in (select id from messages order by platform_message_id limit 12)`);
  await db.execute(sql`alter table messages enable trigger messages_count_for_reports`);
  await db.execute(sql`alter table messages enable trigger messages_feed_thread_search`);
  await db.execute(sql`
    update threads set last_message_preview = 'bench',
      search_vector = (select to_tsvector('simple', string_agg(text, ' ')) from messages where thread_id = threads.id)`);
  await db.execute(sql`vacuum analyze`);
}
