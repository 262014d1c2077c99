import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { InboundEvent } from '../../shared/inbound';
import { openDatabase } from '../../server/db/database';
import { ingestInboundBatch } from '../../server/ingest/ingest-inbound';
import { loadMessageViews, loadThreadSummaries } from '../../server/threads/threads.service';
import { createTriage } from '../../server/triage/classify';
import { createTestDatabase } from '../testing/test-database';

// The ingest path alone, without HTTP, Redis or sockets: store N messages (over 400 conversations
// that already have threads) and read them back as the push does — one by one, 8 at a time, or in
// batches of B (the inbound worker's way), 2 batches at a time. Reports database
// round trips, Node CPU and PostgreSQL CPU per message — figures that hold on a busy machine, where
// wall-clock rates swing with the neighbours' load.
// `TEST_DATABASE_URL=postgres://… npx tsx scripts/bench/ingest-path.bench.ts [N] [B]`
const MESSAGES = Number(process.argv[2] ?? 2000);
const BATCH = Number(process.argv[3] ?? 1);
const CONCURRENCY = BATCH === 1 ? 8 : 2;
const CONVERSATIONS = 400;

let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries += 1;
  return (query as (...parameters: unknown[]) => unknown).apply(this, args);
} as typeof query;
// CPU of the database's server processes (one per connection): the pool closes idle connections and
// opens new ones as it likes, so each is taken by pid, and one that has gone idled out (it did no work).
const cpuMsOf = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
};
const backendCpuMs = async (url: string) => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  await admin.end();
  return new Map(rows.map(({ pid }) => [pid, cpuMsOf(pid)]));
};
const spentSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

const database = await createTestDatabase();
const handle = await openDatabase(database.location);
try {
  const options = { triage: createTriage(), acknowledgements: null };
  const event = (index: number): InboundEvent => {
    const psid = `79${String(index % CONVERSATIONS).padStart(14, '0')}`;
    return {
      channel: 'facebook',
      accountId: '104857600000001',
      platformMessageId: `m_path_${index}`,
      platformConversationId: psid,
      sender: { platformUserId: psid, displayName: `Sender ${index % CONVERSATIONS}`, handle: null },
      text: `My bike was stolen from outside the library (${index})`,
      attachments: [],
      sentAt: new Date().toISOString(),
    };
  };
  const store = async (from: number, count: number) => {
    const results = await ingestInboundBatch(handle.db, Array.from({ length: count }, (_, offset) => event(from + offset)), options);
    const stored = results.flatMap((result) => (result.stored ? [result] : []));
    await Promise.all([
      loadThreadSummaries(handle.db, [...new Set(stored.map((result) => result.threadId))], true),
      loadMessageViews(handle.db, stored.map((result) => result.messageId)),
    ]);
  };
  const run = async (from: number, count: number) => {
    let next = from;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < from + count) {
        const size = Math.min(BATCH, from + count - next);
        next += size;
        await store(next - size, size);
      }
    }));
  };
  await run(1_000_000, CONVERSATIONS); // every conversation has its thread, every connection is open
  const url = (database.location as { url: string }).url;
  const databaseBefore = await backendCpuMs(url);
  queries = 0;
  const [nodeBefore, started] = [process.cpuUsage(), performance.now()];
  await run(0, MESSAGES);
  const elapsedMs = performance.now() - started;
  const nodeCpu = process.cpuUsage(nodeBefore);
  const roundTrips = queries;
  const databaseCpuMs = spentSince(databaseBefore, await backendCpuMs(url));
  console.log(
    JSON.stringify({
      messages: MESSAGES,
      batch: BATCH,
      msgsPerSec: Math.round(MESSAGES / (elapsedMs / 1000)),
      roundTripsPerMessage: Math.round((roundTrips / MESSAGES) * 100) / 100,
      nodeCpuMsPerMessage: Math.round(((nodeCpu.user + nodeCpu.system) / 1000 / MESSAGES) * 1000) / 1000,
      databaseCpuMsPerMessage: Math.round((databaseCpuMs / MESSAGES) * 1000) / 1000,
    }),
  );
} finally {
  await handle.close();
  await database.drop();
}
