import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/db/database';
import { startFakeFacebook } from '../fake-facebook/server';
import { ensureRedis } from '../services/redis';
import { createTestDatabase } from '../testing/test-database';
import { runUnderLoadForMemory } from './memory-run';
import {
  buildForBench, connectAgentSockets, cpuMs, memoryMb, node, now, signInAgents, sleep, startBareExpress, startDeskProcesses, startLoadGenerators, stop, stopAll, type DeskProcesses,
} from './processes';
import { compareWebhookRouteWithBareExpress } from './route-ratio';
import { seedDeskHistory } from './seed-history';

// `npm run bench [-- --quick] [-- --single | --scale] [-- --profile] [-- --memory [--threads N] [--seconds S]]`:
// signed Facebook webhooks from load-generator processes (scripts/bench/webhook-load.ts) into a
// desk running in processes of its own (`server/main.ts` built as `npm start` runs it, real Redis, a fresh PostgreSQL database
// on BENCH_DATABASE_URL's server), timed until each message reaches signed-in agents' sockets
// (scripts/bench/agent-sockets.ts, also a process of its own); then the webhook route against a
// bare Express handler in alternating rounds (scripts/bench/route-ratio.ts); then the thread
// search and report benches at a small size. Loopback only, bounded in time. Prints tables, then
// one line of JSON.
//   default: a web process and a worker process, as a desk on two cores runs (one Node process
//   uses one core); --single: web and worker roles in one process, as `npm run dev`;
//   --scale: two web and two worker processes sharing
//   Redis and PostgreSQL (Socket.IO Redis adapter), the load and the agents spread over both webs.
//   --profile writes the desk's CPU profiles (node --cpu-prof) under .data/bench-profile.
//   --route-only: only the webhook route against bare Express (with --profile, to see where the
//   route spends its time).
//   --memory: instead, seeds --threads (default 100,000: 1 M messages) of history in SQL, starts a
//   web and a worker process on it and drives webhooks, agents' sockets and inbox API calls for
//   --seconds (default 120), reporting the processes' RSS (scripts/bench/memory-run.ts).
const argument = (name: string) => process.argv.includes(name);
const numberArgument = (name: string, fallback: number) => (argument(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const isQuick = argument('--quick');
const isProfiled = argument('--profile');
const isScaled = argument('--scale');
const isMemoryRun = argument('--memory');
const isSplit = !argument('--single') || isScaled || isMemoryRun;
const isRouteOnly = argument('--route-only');
// warmup: warmupSeconds at the fixed rate, not measured; fixed: latency at a fixed rate; burst: that many messages as fast as the connections go, timed
// until the last one is on the agents' screens; ramp: rising fixed rates, each for rampSeconds,
// until one is not sustained (not every message pushed within rampDrainSeconds of the step's end),
// then batchedRamp's rates (messages/s) in deliveries of batchedDelivery messages each, as Meta sends under load;
// fanout: after settleSeconds, fanoutSockets agent sockets, messages at fanoutRate; route: routeRounds alternating
// rounds of routeSeconds each against the webhook route and bare Express; drainSeconds bounds
// each wait for pushes (whatever is not pushed by then counts as not pushed); historyThreads and
// historyRuns: the size of the search and report benches (× 10 messages) and their timed runs.
const SIZES = isQuick
  ? { fixedRate: 20, fixedSeconds: 2, burstMessages: 200, ramp: [50, 100, 200, 400], batchedRamp: [400, 800], batchedDelivery: 10, rampSeconds: 2, rampDrainSeconds: 2, fanoutSockets: 200, fanoutRate: 10, fanoutSeconds: 2, warmupSeconds: 1, settleSeconds: 1, routeRounds: 3, routeSeconds: 1, drainSeconds: 15, connections: 32, agents: 2, historyThreads: 1000, historyRuns: 3 }
  : { fixedRate: 500, fixedSeconds: 10, burstMessages: 5000, ramp: [100, 250, 500, 750, 1000, 1500, 2000, 2500, 3000], batchedRamp: [1000, 1500, 2000, 2500, 3000], batchedDelivery: 10, rampSeconds: 10, rampDrainSeconds: 2, fanoutSockets: 200, fanoutRate: 50, fanoutSeconds: 10, warmupSeconds: 5, settleSeconds: 5, routeRounds: 5, routeSeconds: 5, drainSeconds: 60, connections: 32, agents: 10, historyThreads: 20_000, historyRuns: 10 };
const MEMORY = { threads: numberArgument('--threads', 100_000), seconds: numberArgument('--seconds', 120), webhookRate: 50, agentSockets: 200 };
const SENDERS = 400;
const APP_SECRET = 'bench-app-secret';
const PAGE_ID = '104857600000001';
const PAGE_TOKEN = 'EAAB-bench-page-token';
const PASSWORD = 'correct horse battery staple';

const serverUrl = process.env.BENCH_DATABASE_URL;
if (!serverUrl) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL server the bench may create a database on, e.g. postgres://root@127.0.0.1:5432/test');
  process.exit(78);
}
const benchStarted = performance.now();
const progress = (step: string) => process.stderr.write(`bench ${((performance.now() - benchStarted) / 1000).toFixed(1)} s: ${step}\n`);

const routeTarget = (desk: DeskProcesses) => ({ url: desk.webs[0]!.url, pid: desk.webs[0]!.process.pid! });
/** A bench of its own (thread search, reports) in a child process: its last line of JSON. */
const runChildBench = (script: string, threads: number, runs: number) =>
  new Promise<Record<string, number>>((resolve, reject) => {
    const child = node([script], { BENCH_DATABASE_URL: serverUrl, BENCH_THREADS: String(threads), BENCH_RUNS: String(runs) });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').pop()!) as Record<string, number>);
    });
  });

process.env.TEST_DATABASE_URL = serverUrl;
const [redis, database, facebook] = await Promise.all([
  ensureRedis(() => {}),
  createTestDatabase(),
  startFakeFacebook({ appSecret: APP_SECRET, pageId: PAGE_ID, pageAccessToken: PAGE_TOKEN }),
  buildForBench(),
]);
const databaseUrl = (database.location as { url: string }).url;
// The senders are known to the fake Graph API, so the desk's name lookups succeed as on Meta.
for (let sender = 0; sender < SENDERS; sender += 1) {
  facebook.receiveWithoutWebhook({ psid: `79${String(sender).padStart(14, '0')}`, name: `Bench Sender ${sender}`, text: 'hello' });
}
const redisPrefix = `sdbench${randomBytes(5).toString('hex')}`;
const layout = isScaled ? '2 web + 2 worker processes' : isSplit ? 'web + worker processes' : 'one web,worker process';
// Migrated here, before any desk process starts, so they can all start at once.
const handle = await openDatabase({ url: databaseUrl });
try {
  const profileDir = path.resolve('.data/bench-profile');
  if (isProfiled) mkdirSync(profileDir, { recursive: true });
  const deskEnvironment: Record<string, string> = {
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redisPrefix,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    FACEBOOK_PAGE_ID: PAGE_ID,
    FACEBOOK_PAGE_NAME: 'Anytown Police',
    FACEBOOK_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
    FACEBOOK_APP_SECRET: APP_SECRET,
    FACEBOOK_VERIFY_TOKEN: 'bench-verify',
    FACEBOOK_GRAPH_URL: facebook.baseUrl,
    FACEBOOK_POLL_INTERVAL_MS: '0',
    AUTO_ACKNOWLEDGEMENT: 'false',
  };
  const profiling = isProfiled ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const loadSettings = { appSecret: APP_SECRET, pageId: PAGE_ID, senders: SENDERS, connections: SIZES.connections };

  if (isRouteOnly) {
    // Only the webhook route against bare Express (with --profile: the route's CPU profile alone).
    const [routeDesk, bare, generators] = await Promise.all([
      startDeskProcesses(deskEnvironment, { webs: 1, workers: 0, webOnly: true }, profiling),
      startBareExpress(),
      startLoadGenerators(1, loadSettings),
    ]);
    const route = await compareWebhookRouteWithBareExpress(generators.generate, routeTarget(routeDesk), { url: bare.url, pid: bare.process.pid! }, SIZES.routeRounds, SIZES.routeSeconds);
    await Promise.all([stop(routeDesk.webs[0]!.process), stop(bare.process), generators.close()]);
    console.table(route);
    if (isProfiled) console.log(`CPU profile of the web process: ${profileDir}`);
    console.log(JSON.stringify(route));
  } else if (isMemoryRun) {
    progress(`seeding ${MEMORY.threads.toLocaleString()} threads × 10 messages`);
    await seedDeskHistory(handle.db, MEMORY.threads);
    const { rows } = (await handle.db.execute(sql`select count(*)::int as messages from messages`)) as unknown as { rows: Array<{ messages: number }> };
    progress(`seeded ${rows[0]!.messages.toLocaleString()} messages; starting a web and a worker process on them`);
    const [desk, generators] = await Promise.all([startDeskProcesses(deskEnvironment, { webs: 1, workers: 1 }, profiling), startLoadGenerators(1, loadSettings)]);
    const cookies = await signInAgents(handle.db, desk.webs.map((web) => web.url), 10, PASSWORD);
    progress(`driving webhooks at ${MEMORY.webhookRate}/s, ${MEMORY.agentSockets} agent sockets and inbox API calls for ${MEMORY.seconds} s`);
    const figures = {
      mode: 'memory',
      processes: layout,
      messagesAtStart: rows[0]!.messages,
      threadsAtStart: MEMORY.threads,
      ...(await runUnderLoadForMemory({ desk, cookies, generators, seconds: MEMORY.seconds, webhookRate: MEMORY.webhookRate, agentSockets: MEMORY.agentSockets, drainSeconds: 60 })),
    };
    console.log(`\nSocial Desk bench, memory: ${layout} on ${figures.messagesAtStart.toLocaleString()} stored messages, under load for ${MEMORY.seconds} s`);
    console.table(figures);
    console.log(JSON.stringify(figures));
  } else {
    // Everything starts at once: the desk, the web process the route rounds use (web role only, so
    // no worker shares its CPU), the bare Express yardstick and the load generators.
    const [desk, routeDesk, bare, generators] = await Promise.all([
      startDeskProcesses(deskEnvironment, { webs: isScaled ? 2 : 1, workers: isScaled ? 2 : isSplit ? 1 : 0 }, profiling),
      startDeskProcesses(deskEnvironment, { webs: 1, workers: 0, webOnly: true }, profiling),
      startBareExpress(),
      startLoadGenerators(isScaled ? 2 : 1, loadSettings),
    ]);
    const { webs, workers } = desk;
    const webUrls = webs.map((web) => web.url);
    const rssIdle = memoryMb(webs[0]!.process.pid!);
    const cookies = await signInAgents(handle.db, webUrls, SIZES.agents, PASSWORD);
    // The database server's processes serving the bench database (the desks' pooled connections).
    const databasePids = async () => {
      const { rows } = (await handle.db.execute(sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)) as unknown as { rows: Array<{ pid: number }> };
      return rows.map((row) => row.pid);
    };
    const redisServerPid = async () => {
      const info = new Redis(redis.url);
      const processId = Number(/process_id:(\d+)/.exec(await info.info('server'))?.[1]);
      info.disconnect();
      return processId;
    };
    const deskPids = () => [...webs.map((web) => web.process.pid!), ...workers.map((worker) => worker.pid!)];
    const countStored = async () => {
      const { rows } = (await handle.db.execute(sql`select count(*)::int as stored, count(distinct platform_message_id)::int as distinct from messages`)) as unknown as { rows: Array<{ stored: number; distinct: number }> };
      return rows[0]!;
    };
    // One agent socket per web process watches the throughput phases: each must get every message.
    const watcher = await connectAgentSockets(webUrls, cookies, webUrls.length);
    const generate = generators.generate;
    progress(`${layout} started; warming up`);

    // 0. Warm-up, not measured: a desk in service is warm (compiled code, pooled connections).
    const warmup = await generate(webUrls, 'warmup', SIZES.fixedRate, SIZES.warmupSeconds);
    await watcher.expect('warmup', warmup.accepted, SIZES.drainSeconds * 1000);
    progress('fixed rate');

    // 1. A fixed rate: latency from webhook POST to the agents' screens.
    const fixed = await generate(webUrls, 'fixed', SIZES.fixedRate, SIZES.fixedSeconds);
    const fixedPushed = await watcher.expect('fixed', fixed.accepted, SIZES.drainSeconds * 1000);
    progress('burst');

    // 2. A burst as fast as the connections go: end-to-end messages per second, none lost.
    const pgPids = await databasePids();
    const webPids = () => webs.map((web) => web.process.pid!);
    // Every process the burst runs through, so the CPU it takes per message adds up to the machine's limit.
    const redisPid = await redisServerPid();
    const [deskCpuBefore, webCpuBefore, databaseCpuBefore, redisCpuBefore, loadCpuBefore, watcherCpuBefore] = [
      cpuMs(deskPids()), cpuMs(webPids()), cpuMs(pgPids), cpuMs([redisPid]), cpuMs(generators.pids), cpuMs([watcher.pid]),
    ];
    const burstStarted = now();
    const burst = await generate(webUrls, 'burst', 0, 120, SIZES.burstMessages);
    const burstPushed = await watcher.expect('burst', burst.accepted, SIZES.drainSeconds * 1000);
    const deskCpuMsPerMessage = (cpuMs(deskPids()) - deskCpuBefore) / burst.sent;
    const webCpuMsPerMessage = (cpuMs(webPids()) - webCpuBefore) / burst.sent;
    const databaseCpuMsPerMessage = (cpuMs(pgPids) - databaseCpuBefore) / burst.sent;
    const redisCpuMsPerMessage = (cpuMs([redisPid]) - redisCpuBefore) / burst.sent;
    const loadCpuMsPerMessage = (cpuMs(generators.pids) - loadCpuBefore) / burst.sent;
    const watcherCpuMsPerMessage = (cpuMs([watcher.pid]) - watcherCpuBefore) / burst.sent;
    const burstComplete = burstPushed.socketsWithEveryMessage === webUrls.length;
    progress('ramp');

    // 3. A ramp of fixed rates: the highest one the desk sustains with nothing lost; then again with
    // Meta's batched deliveries (several messages per POST, as Graph webhooks aggregate under load).
    type RampStep = { messagesPerDelivery: number; rate: number; sent: number; refused: number; failed: number; failedBy: string; pushedToEverySocket: boolean; drainMs: number };
    const runRamp = async (rates: number[], perDelivery: number) => {
      const steps: RampStep[] = [];
      for (const rate of rates) {
        const run = `ramp${perDelivery}x${rate}`;
        const load = await generate(webUrls, run, rate, SIZES.rampSeconds, 0, perDelivery);
        const sentUntil = now();
        const pushed = await watcher.expect(run, load.sent, SIZES.rampDrainSeconds * 1000);
        const sustained = load.refused + load.failed === 0 && pushed.socketsWithEveryMessage === webUrls.length && load.sent >= 0.95 * rate * SIZES.rampSeconds;
        steps.push({ messagesPerDelivery: perDelivery, rate, sent: load.sent, refused: load.refused, failed: load.failed, failedBy: Object.entries(load.failedBy).map(([code, count]) => `${code} ${count}`).join(', '), pushedToEverySocket: sustained, drainMs: Math.round(pushed.doneAt - sentUntil) });
        if (!sustained) {
          // Let the backlog drain before the next phase.
          await watcher.expect(run, load.accepted, SIZES.drainSeconds * 1000);
          break;
        }
      }
      return steps;
    };
    const highestSustained = (steps: RampStep[]) => Math.max(0, ...steps.filter((step) => step.pushedToEverySocket).map((step) => step.rate));
    const ramp = await runRamp(SIZES.ramp, 1);
    const sustainedRates = ramp.filter((step) => step.pushedToEverySocket).map((step) => step.rate);
    progress(`ramp of deliveries carrying ${SIZES.batchedDelivery} messages`);
    await sleep(SIZES.settleSeconds * 1000);
    const batchedRamp = await runRamp(SIZES.batchedRamp, SIZES.batchedDelivery);
    progress('fan-out');
    // What the ramp's last step left behind (contacts' names, routing, the database's own upkeep) settles first.
    await sleep(SIZES.settleSeconds * 1000);

    // 4. Fan-out: many agent sockets (spread over the web processes), thread updates to every one.
    const fanoutSockets = await connectAgentSockets(webUrls, cookies, SIZES.fanoutSockets);
    await sleep(500);
    // The CPU the phase takes, in % of one core: the desk, and the process holding the agents' sockets
    // (a tail latency on a saturated machine is queueing, not the desk's doing alone).
    const [fanoutDeskCpuBefore, fanoutSocketsCpuBefore, fanoutStarted] = [cpuMs(deskPids()), cpuMs([fanoutSockets.pid]), now()];
    const fanout = await generate(webUrls, 'fanout', SIZES.fanoutRate, SIZES.fanoutSeconds);
    const fanoutPushed = await fanoutSockets.expect('fanout', fanout.accepted, SIZES.drainSeconds * 1000);
    const fanoutCpuPercent = (before: number, pids: number[]) => Math.round((100 * (cpuMs(pids) - before)) / (fanoutPushed.doneAt - fanoutStarted));
    const fanoutDeskCpuPercent = fanoutCpuPercent(fanoutDeskCpuBefore, deskPids());
    const fanoutSocketsCpuPercent = fanoutCpuPercent(fanoutSocketsCpuBefore, [fanoutSockets.pid]);
    await fanoutSockets.close();
    const { stored, distinct } = await countStored();
    await watcher.close();
    const rssLoaded = memoryMb(webs[0]!.process.pid!);
    const rssWorker = workers[0] ? memoryMb(workers[0].pid!) : rssLoaded;
    await Promise.all([...webs.map((web) => stop(web.process)), ...workers.map(stop)]);
    progress('webhook route against bare Express');

    // 5. The webhook route (a web-only process; its backlog is left in Redis) against the bare Express yardstick.
    const route = await compareWebhookRouteWithBareExpress(generate, routeTarget(routeDesk), { url: bare.url, pid: bare.process.pid! }, SIZES.routeRounds, SIZES.routeSeconds);
    await Promise.all([stop(routeDesk.webs[0]!.process), stop(bare.process), generators.close()]);
    progress(`thread search and reports on ${(SIZES.historyThreads * 10).toLocaleString()} messages`);

    // 6. The thread search and the reports, each on a history of its own (their benches at a smaller size).
    const [search, reports] = await Promise.all([
      runChildBench('scripts/bench/thread-search.bench.ts', SIZES.historyThreads, SIZES.historyRuns),
      runChildBench('scripts/bench/reports.bench.ts', SIZES.historyThreads, SIZES.historyRuns),
    ]);

    const sent = warmup.sent + fixed.sent + burst.sent + [...ramp, ...batchedRamp].reduce((sum, step) => sum + step.sent, 0) + fanout.sent;
    const figures = {
      quick: isQuick,
      processes: layout,
      database: 'postgresql',
      fixedRateMsgsPerSec: SIZES.fixedRate,
      fixedRateSent: fixed.sent,
      p50WebhookToScreenMs: fixedPushed.messageP50Ms,
      p99WebhookToScreenMs: fixedPushed.messageP99Ms,
      burstMessages: burst.sent,
      burstPushedToEverySocket: burstComplete,
      // Messages on every agent's screen per second (if the drain timed out, only those that made it count).
      ingestMsgsPerSec: Math.round(burstPushed.fewestMessagesOnASocket / ((burstPushed.doneAt - burstStarted) / 1000)),
      deskCpuMsPerMessage: Math.round(deskCpuMsPerMessage * 100) / 100,
      ...(isSplit ? { webCpuMsPerMessage: Math.round(webCpuMsPerMessage * 100) / 100, workerCpuMsPerMessage: Math.round((deskCpuMsPerMessage - webCpuMsPerMessage) * 100) / 100 } : {}),
      databaseCpuMsPerMessage: Math.round(databaseCpuMsPerMessage * 100) / 100,
      redisCpuMsPerMessage: Math.round(redisCpuMsPerMessage * 100) / 100,
      loadGeneratorCpuMsPerMessage: Math.round(loadCpuMsPerMessage * 100) / 100,
      agentSocketsCpuMsPerMessage: Math.round(watcherCpuMsPerMessage * 100) / 100,
      // What the machine's cores allow at that CPU per message, every process of the path counted.
      burstCpuCeilingMsgsPerSec: Math.round((availableParallelism() * 1000) / (deskCpuMsPerMessage + databaseCpuMsPerMessage + redisCpuMsPerMessage + loadCpuMsPerMessage + watcherCpuMsPerMessage)),
      rampRatesSustained: sustainedRates.join(' ') || 'none',
      rampFirstNotSustained: ramp.find((step) => !step.pushedToEverySocket)?.rate ?? 'none',
      sustainedMsgsPerSec: highestSustained(ramp),
      messagesPerBatchedDelivery: SIZES.batchedDelivery,
      sustainedBatchedMsgsPerSec: highestSustained(batchedRamp),
      batchedFirstNotSustained: batchedRamp.find((step) => !step.pushedToEverySocket)?.rate ?? 'none',
      fanoutSockets: fanoutPushed.sockets,
      fanoutMessages: fanout.sent,
      fanoutSocketsWithEveryMessage: fanoutPushed.socketsWithEveryMessage,
      fanoutP50Ms: fanoutPushed.threadUpdateP50Ms,
      fanoutP99Ms: fanoutPushed.threadUpdateP99Ms,
      fanoutDeskCpuPercent,
      fanoutSocketsCpuPercent,
      everyAgentGotEveryEvent: burstComplete && fanoutPushed.socketsWithEveryMessage === fanoutPushed.sockets,
      ...route,
      sent,
      refused: warmup.refused + fixed.refused + burst.refused + fanout.refused + [...ramp, ...batchedRamp].reduce((sum, step) => sum + step.refused, 0),
      failed: warmup.failed + fixed.failed + burst.failed + fanout.failed + [...ramp, ...batchedRamp].reduce((sum, step) => sum + step.failed, 0),
      stored,
      storedTwice: stored - distinct,
      // Not stored by the end of the last drain (a slow desk shows here too: see the drains above).
      notStored: sent - distinct,
      rssWebIdleMb: rssIdle.rss,
      rssWebMb: rssLoaded.rss,
      rssWebPeakMb: rssLoaded.peak,
      rssWorkerMb: rssWorker.rss,
      rssWorkerPeakMb: rssWorker.peak,
      historyMessages: SIZES.historyThreads * 10,
      searchMs: search.searchMs!,
      listMs: search.listMs!,
      reportMonthMs: reports.reportMonthMs!,
      reportYearMs: reports.reportYearMs!,
      benchSeconds: Math.round((performance.now() - benchStarted) / 1000),
    };
    console.log(`\nSocial Desk bench: Facebook webhooks (separate processes) → desk (${layout}) → stored → pushed to agents`);
    console.table(figures);
    console.table([...ramp, ...batchedRamp]);
    if (isProfiled) console.log(`CPU profiles of the desk processes: ${profileDir}`);
    console.log(JSON.stringify(figures));
  }
} finally {
  await stopAll();
  await handle.close();
  await facebook.close();
  await database.drop();
  const keys = new Redis(redis.url);
  const stale = await keys.keys(`${redisPrefix}*`);
  if (stale.length > 0) await keys.del(...stale);
  keys.disconnect();
  await redis.stop();
}
