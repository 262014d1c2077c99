import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createAgent } from '../../server/auth/agents.service';
import { openDatabase } from '../../server/db/database';
import { startFakeFacebook } from '../fake-facebook/server';
import { ensureRedis, findFreePort, waitUntil } from '../services/redis';
import { createTestDatabase } from '../testing/test-database';

// `npm run bench [-- --quick] [-- --split | --scale] [-- --profile] [-- --memory [--messages N]]`:
// signed Facebook webhooks from load-generator processes (scripts/bench/webhook-load.ts) into a
// desk running in processes of its own (`server/main.ts`, real Redis, a fresh PostgreSQL database
// on BENCH_DATABASE_URL's server), timed until each message reaches signed-in agents' sockets
// (scripts/bench/agent-sockets.ts, also a process of its own); then the same generator against a
// bare Express handler. Loopback only, bounded in time. Prints a table, then one line of JSON.
//   one process (default): web and worker roles together, as `npm run dev`;
//   --split: a web process and a worker process; --scale: two web and two worker processes sharing
//   Redis and PostgreSQL (Socket.IO Redis adapter), the load and the agents spread over both webs.
//   --profile writes the desk's CPU profiles (node --cpu-prof) under .data/bench-profile.
//   --memory: instead of the phases, stores --messages (default 1,000,000) as fast as the desk
//   takes them and reports the processes' RSS at the end (tens of minutes).
const argument = (name: string) => process.argv.includes(name);
const isQuick = argument('--quick');
const isProfiled = argument('--profile');
const isScaled = argument('--scale');
const isSplit = argument('--split') || isScaled || argument('--memory');
const isMemoryRun = argument('--memory');
const memoryMessages = Number(process.argv[process.argv.indexOf('--messages') + 1]) || 1_000_000;
// fixed: latency at a fixed rate; burst: that many messages as fast as the connections go, timed
// until the last one is on the agents' screens; ramp: rising fixed rates, each for rampSeconds,
// until one is not sustained (not every message pushed within rampDrainSeconds of the step's end);
// fanout: fanoutSockets agent sockets, messages at fanoutRate; route: webhook req/s for
// routeSeconds (the backlog is left unprocessed); drainSeconds bounds each wait for pushes.
// Whatever is not pushed by then counts as lost.
const SIZES = isQuick
  ? { fixedRate: 100, fixedSeconds: 3, burstMessages: 1000, ramp: [250, 500, 1000, 2000], rampSeconds: 2, rampDrainSeconds: 2, fanoutSockets: 200, fanoutRate: 20, fanoutSeconds: 3, routeSeconds: 3, drainSeconds: 60, connections: 32, agents: 2 }
  : { fixedRate: 500, fixedSeconds: 10, burstMessages: 5000, ramp: [250, 500, 750, 1000, 1500, 2000, 2500, 3000], rampSeconds: 10, rampDrainSeconds: 2, fanoutSockets: 200, fanoutRate: 50, fanoutSeconds: 10, routeSeconds: 10, drainSeconds: 60, connections: 32, agents: 10 };
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

type LoadResult = { sent: number; accepted: number; refused: number; failed: number; elapsedMs: number };
type SocketsReport = {
  run: string;
  sockets: number;
  socketsWithEveryMessage: number;
  fewestMessagesOnASocket: number;
  threadUpdateP50Ms: number;
  threadUpdateP99Ms: number;
  messageP50Ms: number;
  messageP99Ms: number;
};
const children = new Set<ChildProcess>();
const node = (args: string[], env: Record<string, string> = {}, extraNodeOptions: string[] = []) => {
  const child = spawn(process.execPath, [...extraNodeOptions, '--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};
const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
const answers = (url: string) => async () => {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
};
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One generator per web process, sharing the run's numbering, the rate and the count between them. */
const generate = async (urls: string[], run: string, rate: number, seconds: number, count = 0): Promise<LoadResult> => {
  const results = await Promise.all(
    urls.map(
      (baseUrl, offset) =>
        new Promise<LoadResult>((resolve, reject) => {
          const share = (total: number) => Math.floor(total / urls.length) + (offset < total % urls.length ? 1 : 0);
          const options = {
            url: `${baseUrl}/webhooks/facebook`, appSecret: APP_SECRET, pageId: PAGE_ID, run, rate: rate / urls.length, seconds, count: count > 0 ? share(count) : 0,
            connections: Math.ceil(SIZES.connections / urls.length), senders: SENDERS, offset, stride: urls.length,
          };
          const child = node(['scripts/bench/webhook-load.ts', JSON.stringify(options)]);
          let output = '';
          child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.once('exit', (code) => {
            if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
            resolve(JSON.parse(output.trim().split('\n').pop()!) as LoadResult);
          });
        }),
    ),
  );
  return {
    sent: results.reduce((sum, result) => sum + result.sent, 0),
    accepted: results.reduce((sum, result) => sum + result.accepted, 0),
    refused: results.reduce((sum, result) => sum + result.refused, 0),
    failed: results.reduce((sum, result) => sum + result.failed, 0),
    elapsedMs: Math.max(...results.map((result) => result.elapsedMs)),
  };
};

/** Agent sockets in a process of their own (scripts/bench/agent-sockets.ts). */
const connectAgentSockets = async (urls: string[], cookies: string[], sockets: number) => {
  const child = node(['scripts/bench/agent-sockets.ts', JSON.stringify({ urls, cookies, sockets })]);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the agent sockets process ended');
    return JSON.parse(value as string) as unknown;
  };
  await nextLine();
  return {
    /** Waits until every socket has had `count` messages of the run (or the time is up). */
    async expect(run: string, count: number, timeoutMs: number): Promise<SocketsReport & { doneAt: number }> {
      child.stdin!.write(`${JSON.stringify({ run, count, timeoutMs })}\n`);
      const report = (await nextLine()) as SocketsReport;
      return { ...report, doneAt: now() };
    },
    close: () => stop(child),
  };
};
// CPU time (user + system) of processes, from /proc: robust to a machine shared with other work,
// where wall-clock rates swing with the neighbours' load.
const CLOCK_TICKS_PER_SECOND = 100;
const cpuMs = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return sum;
    }
  }, 0);
const memoryMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
};

const redis = await ensureRedis(() => {});
process.env.TEST_DATABASE_URL = serverUrl;
const database = await createTestDatabase();
const databaseUrl = (database.location as { url: string }).url;
const facebook = await startFakeFacebook({ appSecret: APP_SECRET, pageId: PAGE_ID, pageAccessToken: PAGE_TOKEN });
// The senders are known to the fake Graph API, so the desk's name lookups succeed as on Meta.
for (let sender = 0; sender < SENDERS; sender += 1) {
  facebook.receiveWithoutWebhook({ psid: `79${String(sender).padStart(14, '0')}`, name: `Bench Sender ${sender}`, text: 'hello' });
}
const redisPrefix = `sdbench${randomBytes(5).toString('hex')}`;
const layout = isScaled ? '2 web + 2 worker processes' : isSplit ? 'web + worker processes' : 'one web,worker process';
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
  // The web processes, one after the other (the first runs the migrations), as `npm start` starts them.
  const webs: Array<{ url: string; process: ChildProcess }> = [];
  for (let index = 0; index < (isScaled ? 2 : 1); index += 1) {
    const port = await findFreePort();
    const web = node(['server/main.ts'], { ...deskEnvironment, PORT: String(port), ROLES: isSplit ? 'web' : 'web,worker' }, profiling);
    web.stdout!.pipe(process.stderr);
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(answers(`${url}/readyz`), 60_000, 'the desk did not answer /readyz within 60 s');
    webs.push({ url, process: web });
  }
  // Worker-only processes have no HTTP: each is ready once it logs that it started.
  const workerPort = String(await findFreePort());
  const startWorker = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const worker = node(['server/main.ts'], { ...deskEnvironment, PORT: workerPort, ROLES: 'worker', LOG_LEVEL: 'info' }, profiling);
      let buffered = '';
      worker.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (line.includes('"msg":"social desk started"')) resolve(worker);
          else if (/"level":([4-6]\d)/.test(line)) process.stderr.write(`${line}\n`);
        }
      });
      worker.once('exit', (code) => reject(new Error(`a worker process exited with ${code}`)));
      setTimeout(() => reject(new Error('a worker process did not start within 60 s')), 60_000).unref();
    });
  const workers = isSplit ? await Promise.all(Array.from({ length: isScaled ? 2 : 1 }, startWorker)) : [];
  const webUrls = webs.map((web) => web.url);
  const rssIdle = memoryMb(webs[0]!.process.pid!);

  // Agents, straight into the database (there is no account to create one over the API), signed in over HTTP.
  const handle = await openDatabase({ url: databaseUrl });
  const cookies: string[] = [];
  for (let index = 0; index < SIZES.agents; index += 1) {
    const email = `bench-${index}-${randomBytes(4).toString('hex')}@desk.test`;
    await createAgent(handle.db, { name: `Bench agent ${index}`, email, password: PASSWORD, role: 'agent' });
    const login = await fetch(`${webUrls[index % webUrls.length]}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
    cookies.push(login.headers.getSetCookie().map((header) => header.split(';')[0]).join('; '));
  }
  await handle.close();
  // The database server's processes serving the bench database (the desks' pooled connections).
  const databasePids = async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    await admin.end();
    return rows.map((row) => row.pid);
  };
  const deskPids = () => [...webs.map((web) => web.process.pid!), ...workers.map((worker) => worker.pid!)];
  const countStored = async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const stored = Number((await admin.query<{ count: string }>('select count(*) from messages')).rows[0]!.count);
    const distinct = Number((await admin.query<{ count: string }>('select count(distinct platform_message_id) from messages')).rows[0]!.count);
    await admin.end();
    return { stored, distinct };
  };

  if (isMemoryRun) {
    // Memory: a million messages (or --messages) as fast as the desk takes them, in chunks so the
    // backlog stays bounded; RSS of the web and the worker process at the end.
    const watcher = await connectAgentSockets(webUrls, cookies, 1);
    const chunk = 20_000;
    const started = now();
    let sent = 0;
    for (let part = 0; sent < memoryMessages; part += 1) {
      const load = await generate(webUrls, `memory${part}`, 0, 600, Math.min(chunk, memoryMessages - sent));
      sent += load.sent;
      const pushed = await watcher.expect(`memory${part}`, load.accepted, 600_000);
      process.stderr.write(`memory run: ${sent} sent, web RSS ${memoryMb(webs[0]!.process.pid!).rss} MB, worker RSS ${memoryMb(workers[0]!.pid!).rss} MB, last chunk ${pushed.socketsWithEveryMessage === 1 ? 'all pushed' : 'NOT all pushed'}\n`);
    }
    const elapsedSeconds = (now() - started) / 1000;
    const { stored, distinct } = await countStored();
    const figures = {
      mode: 'memory', processes: layout, sent, stored, distinct, lost: sent - distinct, msgsPerSec: Math.round(sent / elapsedSeconds),
      rssWebMb: memoryMb(webs[0]!.process.pid!).rss, rssWebPeakMb: memoryMb(webs[0]!.process.pid!).peak,
      rssWorkerMb: memoryMb(workers[0]!.pid!).rss, rssWorkerPeakMb: memoryMb(workers[0]!.pid!).peak,
    };
    await watcher.close();
    console.log(`\nSocial Desk bench, memory: ${sent} messages stored through ${layout}`);
    console.table(figures);
    console.log(JSON.stringify(figures));
  } else {
    // One agent socket per web process watches the throughput phases: each must get every message.
    const watcher = await connectAgentSockets(webUrls, cookies, webUrls.length);

    // 1. A fixed rate: latency from webhook POST to the agents' screens.
    const fixed = await generate(webUrls, 'fixed', SIZES.fixedRate, SIZES.fixedSeconds);
    const fixedPushed = await watcher.expect('fixed', fixed.accepted, SIZES.drainSeconds * 1000);

    // 2. A burst as fast as the connections go: end-to-end messages per second, none lost.
    const pgPids = await databasePids();
    const webPids = () => webs.map((web) => web.process.pid!);
    const [deskCpuBefore, webCpuBefore, databaseCpuBefore] = [cpuMs(deskPids()), cpuMs(webPids()), cpuMs(pgPids)];
    const burstStarted = now();
    const burst = await generate(webUrls, 'burst', 0, 120, SIZES.burstMessages);
    const burstPushed = await watcher.expect('burst', burst.accepted, SIZES.drainSeconds * 1000);
    const deskCpuMsPerMessage = (cpuMs(deskPids()) - deskCpuBefore) / burst.sent;
    const webCpuMsPerMessage = (cpuMs(webPids()) - webCpuBefore) / burst.sent;
    const databaseCpuMsPerMessage = (cpuMs(pgPids) - databaseCpuBefore) / burst.sent;
    const burstComplete = burstPushed.socketsWithEveryMessage === webUrls.length;

    // 3. A ramp of fixed rates: the highest one the desk sustains with nothing lost.
    const ramp: Array<{ rate: number; sent: number; pushedToEverySocket: boolean; drainMs: number }> = [];
    for (const rate of SIZES.ramp) {
      const run = `ramp${rate}`;
      const load = await generate(webUrls, run, rate, SIZES.rampSeconds);
      const sentUntil = now();
      const pushed = await watcher.expect(run, load.sent, SIZES.rampDrainSeconds * 1000);
      const sustained = load.refused + load.failed === 0 && pushed.socketsWithEveryMessage === webUrls.length && load.sent >= 0.95 * rate * SIZES.rampSeconds;
      ramp.push({ rate, sent: load.sent, pushedToEverySocket: sustained, drainMs: Math.round(pushed.doneAt - sentUntil) });
      if (!sustained) {
        // Let the backlog drain before the next phase.
        await watcher.expect(run, load.accepted, SIZES.drainSeconds * 1000);
        break;
      }
    }
    const sustainedRates = ramp.filter((step) => step.pushedToEverySocket).map((step) => step.rate);

    // 4. Fan-out: many agent sockets (spread over the web processes), thread updates to every one.
    const fanoutSockets = await connectAgentSockets(webUrls, cookies, SIZES.fanoutSockets);
    await sleep(500);
    const fanout = await generate(webUrls, 'fanout', SIZES.fanoutRate, SIZES.fanoutSeconds);
    const fanoutPushed = await fanoutSockets.expect('fanout', fanout.accepted, SIZES.drainSeconds * 1000);
    await fanoutSockets.close();
    const { stored, distinct } = await countStored();
    await watcher.close();

    // 5. The webhook route flat out for a while (its backlog is left to the workers): req/s and RSS under load.
    const route = await generate(webUrls, 'route', 0, SIZES.routeSeconds);
    const rssLoaded = memoryMb(webs[0]!.process.pid!);
    const rssWorker = workers[0] ? memoryMb(workers[0].pid!) : rssLoaded;
    await Promise.all([...webs.map((web) => stop(web.process)), ...workers.map(stop)]);

    // 6. The yardstick: a bare Express handler, same payloads, same generator.
    const barePort = await findFreePort();
    const bare = node(['scripts/bench/bare-express.ts', String(barePort)]);
    await waitUntil(answers(`http://127.0.0.1:${barePort}/readyz`), 30_000, 'the bare Express app did not start');
    const bareRun = await generate([`http://127.0.0.1:${barePort}`], 'bare', 0, SIZES.routeSeconds);
    await stop(bare);

    const webhookReqPerSec = route.accepted / (route.elapsedMs / 1000);
    const bareExpressReqPerSec = bareRun.accepted / (bareRun.elapsedMs / 1000);
    const sent = fixed.sent + burst.sent + ramp.reduce((sum, step) => sum + step.sent, 0) + fanout.sent;
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
      rampRatesSustained: sustainedRates.join(' ') || 'none',
      rampFirstNotSustained: ramp.find((step) => !step.pushedToEverySocket)?.rate ?? 'none',
      sustainedMsgsPerSec: Math.max(0, ...sustainedRates),
      fanoutSockets: fanoutPushed.sockets,
      fanoutMessages: fanout.sent,
      fanoutSocketsWithEveryMessage: fanoutPushed.socketsWithEveryMessage,
      fanoutP50Ms: fanoutPushed.threadUpdateP50Ms,
      fanoutP99Ms: fanoutPushed.threadUpdateP99Ms,
      everyAgentGotEveryEvent: burstComplete && fanoutPushed.socketsWithEveryMessage === fanoutPushed.sockets,
      webhookReqPerSec: Math.round(webhookReqPerSec),
      bareExpressReqPerSec: Math.round(bareExpressReqPerSec),
      webhookRatio: Math.round((webhookReqPerSec / bareExpressReqPerSec) * 100) / 100,
      sent,
      refused: fixed.refused + burst.refused + fanout.refused,
      failed: fixed.failed + burst.failed + fanout.failed,
      stored,
      storedTwice: stored - distinct,
      lost: sent - distinct,
      rssWebIdleMb: rssIdle.rss,
      rssWebMb: rssLoaded.rss,
      rssWebPeakMb: rssLoaded.peak,
      rssWorkerMb: rssWorker.rss,
      rssWorkerPeakMb: rssWorker.peak,
    };
    console.log(`\nSocial Desk bench: Facebook webhooks (separate processes) → desk (${layout}) → stored → pushed to agents`);
    console.table(figures);
    console.table(ramp);
    if (isProfiled) console.log(`CPU profiles of the desk processes: ${profileDir}`);
    console.log(JSON.stringify(figures));
  }
} finally {
  await Promise.all([...children].map(stop));
  await facebook.close();
  await database.drop();
  const keys = new Redis(redis.url);
  const stale = await keys.keys(`${redisPrefix}*`);
  if (stale.length > 0) await keys.del(...stale);
  keys.disconnect();
  await redis.stop();
}
