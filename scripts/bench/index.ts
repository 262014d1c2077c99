import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { AgentToServerEvents, ServerToAgentEvents } from '../../shared/socket';
import { createAgent } from '../../server/auth/agents.service';
import { openDatabase } from '../../server/db/database';
import { startFakeFacebook } from '../fake-facebook/server';
import { ensureRedis, findFreePort, waitUntil } from '../services/redis';
import { createTestDatabase } from '../testing/test-database';

// `npm run bench [-- --quick] [-- --profile]`: signed Facebook webhooks from a load-generator
// process (scripts/bench/webhook-load.ts) into a desk running in its own process (`server/main.ts`,
// web and worker roles, real Redis, a fresh PostgreSQL database on BENCH_DATABASE_URL's server),
// timed until each message reaches a signed-in agent's socket; then the same generator against a
// bare Express handler. Loopback only, bounded in time. Prints a table, then one line of JSON.
// --split runs the web and worker roles in two processes (else one, as `npm run dev`).
// --profile writes the desk's CPU profiles (node --cpu-prof) under .data/bench-profile.
const isQuick = process.argv.includes('--quick');
const isProfiled = process.argv.includes('--profile');
const isSplit = process.argv.includes('--split');
// fixed: latency at a fixed rate; ingest: a burst of that many messages, timed until the last one
// is on the agent's screen; route: webhook req/s for routeSeconds (the backlog is left unprocessed);
// drainSeconds bounds each wait for pushes. Whatever is not pushed by then counts as lost.
const SIZES = isQuick
  ? { fixedRate: 100, fixedSeconds: 8, ingestMessages: 1500, routeSeconds: 4, drainSeconds: 15, connections: 32 }
  : { fixedRate: 500, fixedSeconds: 10, ingestMessages: 5000, routeSeconds: 10, drainSeconds: 60, connections: 32 };
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
const children = new Set<ChildProcess>();
const node = (args: string[], env: Record<string, string> = {}, extraNodeOptions: string[] = []) => {
  const child = spawn(process.execPath, [...extraNodeOptions, '--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
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
const generate = (url: string, run: string, rate: number, seconds: number, count = 0) =>
  new Promise<LoadResult>((resolve, reject) => {
    const options = { url, appSecret: APP_SECRET, pageId: PAGE_ID, run, rate, seconds, count, connections: SIZES.connections, senders: SENDERS };
    const child = node(['scripts/bench/webhook-load.ts', JSON.stringify(options)]);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').pop()!) as LoadResult);
    });
  });
const memoryMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

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
let socket: Socket<ServerToAgentEvents, AgentToServerEvents> | undefined;
try {
  // The desk, in its own process, as `npm run dev` starts it.
  const deskPort = await findFreePort();
  const deskUrl = `http://127.0.0.1:${deskPort}`;
  const profileDir = path.resolve('.data/bench-profile');
  if (isProfiled) mkdirSync(profileDir, { recursive: true });
  const deskEnvironment: Record<string, string> = {
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(deskPort),
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
  const desk = node(['server/main.ts'], { ...deskEnvironment, ROLES: isSplit ? 'web' : 'web,worker' }, profiling);
  desk.stdout!.pipe(process.stderr);
  await waitUntil(answers(`${deskUrl}/readyz`), 60_000, 'the desk did not answer /readyz within 60 s');
  // The worker-only process has no HTTP: it is ready once it logs that it started (migrations ran in the web one).
  let worker: ChildProcess | null = null;
  if (isSplit) {
    worker = node(['server/main.ts'], { ...deskEnvironment, ROLES: 'worker', LOG_LEVEL: 'info' }, profiling);
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      worker!.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (line.includes('"msg":"social desk started"')) resolve();
          else if (/"level":([4-6]\d)/.test(line)) process.stderr.write(`${line}\n`);
        }
      });
      worker!.once('exit', (code) => reject(new Error(`the worker process exited with ${code}`)));
      setTimeout(() => reject(new Error('the worker process did not start within 60 s')), 60_000).unref();
    });
  }
  const rssIdle = memoryMb(desk.pid!);

  // An agent, straight into the database (there is no account to create one over the API), signed in over HTTP.
  const email = `bench-${randomBytes(4).toString('hex')}@desk.test`;
  const handle = await openDatabase({ url: databaseUrl });
  await createAgent(handle.db, { name: 'Bench agent', email, password: PASSWORD, role: 'agent' });
  await handle.close();
  const login = await fetch(`${deskUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
  socket = connectSocket(deskUrl, { path: '/socket.io', extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket!.once('connect', () => resolve());
    socket!.once('connect_error', reject);
  });

  // Every push to the agent, by run: how many, and how long after its webhook was sent.
  const pushed = new Map<string, { count: number; latencies: number[]; last: number }>();
  socket.on('message:created', (message) => {
    const match = /^bench (\w+)-\d+ t=([\d.]+)/.exec(message.text ?? '');
    if (!match) return;
    const arrived = performance.timeOrigin + performance.now();
    const run = pushed.get(match[1]!) ?? { count: 0, latencies: [], last: 0 };
    run.count += 1;
    run.latencies.push(arrived - Number(match[2]));
    run.last = arrived;
    pushed.set(match[1]!, run);
  });
  const allPushed = async (run: string, expected: number, timeoutMs: number) => {
    try {
      await waitUntil(async () => (pushed.get(run)?.count ?? 0) >= expected, timeoutMs, '');
    } catch {
      // counted as lost below
    }
    return pushed.get(run) ?? { count: 0, latencies: [], last: 0 };
  };

  // 1. A fixed rate: latency from webhook POST to the agent's screen.
  const fixedStarted = performance.timeOrigin + performance.now();
  const fixed = await generate(`${deskUrl}/webhooks/facebook`, 'fixed', SIZES.fixedRate, SIZES.fixedSeconds);
  const fixedPushed = await allPushed('fixed', fixed.accepted, SIZES.drainSeconds * 1000);
  const fixedLatencies = [...fixedPushed.latencies].sort((a, b) => a - b);

  // 2. A burst as fast as the connections go: end-to-end messages per second, none lost.
  const ingestStarted = performance.timeOrigin + performance.now();
  const ingest = await generate(`${deskUrl}/webhooks/facebook`, 'ingest', 0, 120, SIZES.ingestMessages);
  const ingestPushed = await allPushed('ingest', ingest.accepted, SIZES.drainSeconds * 1000);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const stored = Number((await admin.query<{ count: string }>('select count(*) from messages')).rows[0]!.count);
  await admin.end();

  // 3. The webhook route flat out for a while (its backlog is left to the worker): req/s and RSS under load.
  const route = await generate(`${deskUrl}/webhooks/facebook`, 'route', 0, SIZES.routeSeconds);
  const rssLoaded = memoryMb(desk.pid!);
  const rssWorker = worker ? memoryMb(worker.pid!) : null;
  socket.close();
  await Promise.all([stop(desk), ...(worker ? [stop(worker)] : [])]);

  // 3. The yardstick: a bare Express handler, same payloads, same generator.
  const barePort = await findFreePort();
  const bare = node(['scripts/bench/bare-express.ts', String(barePort)]);
  await waitUntil(answers(`http://127.0.0.1:${barePort}/readyz`), 30_000, 'the bare Express app did not start');
  const bareRun = await generate(`http://127.0.0.1:${barePort}/webhooks/facebook`, 'bare', 0, SIZES.routeSeconds);
  await stop(bare);

  const webhookReqPerSec = route.accepted / (route.elapsedMs / 1000);
  const bareExpressReqPerSec = bareRun.accepted / (bareRun.elapsedMs / 1000);
  const accepted = fixed.accepted + ingest.accepted;
  const pushedCount = fixedPushed.count + ingestPushed.count;
  const figures = {
    quick: isQuick,
    processes: isSplit ? 'web + worker' : 'web,worker',
    database: 'postgresql',
    fixedRateMsgsPerSec: SIZES.fixedRate,
    fixedRateSent: fixed.sent,
    fixedRatePushed: fixedPushed.count,
    fixedRateDeliveredMsgsPerSec: Math.round(fixedPushed.count / ((fixedPushed.last - fixedStarted) / 1000)),
    p50WebhookToScreenMs: Math.round(percentile(fixedLatencies, 50)),
    p99WebhookToScreenMs: Math.round(percentile(fixedLatencies, 99)),
    ingestMessages: ingest.sent,
    ingestPushed: ingestPushed.count,
    ingestMsgsPerSec: Math.round(ingestPushed.count / ((ingestPushed.last - ingestStarted) / 1000)),
    webhookReqPerSec: Math.round(webhookReqPerSec),
    bareExpressReqPerSec: Math.round(bareExpressReqPerSec),
    webhookRatio: Math.round((webhookReqPerSec / bareExpressReqPerSec) * 100) / 100,
    sent: fixed.sent + ingest.sent,
    accepted,
    refused: fixed.refused + ingest.refused,
    failed: fixed.failed + ingest.failed,
    stored,
    pushed: pushedCount,
    lost: fixed.sent + ingest.sent - Math.min(stored, pushedCount),
    rssWebIdleMb: rssIdle.rss,
    rssWebMb: rssLoaded.rss,
    rssWebPeakMb: rssLoaded.peak,
    ...(rssWorker ? { rssWorkerMb: rssWorker.rss, rssWorkerPeakMb: rssWorker.peak } : {}),
  };
  console.log(`\nSocial Desk bench: Facebook webhooks (separate process) → desk (${isSplit ? 'web and worker processes' : 'one web+worker process'}) → stored → pushed to an agent`);
  console.table(figures);
  if (isProfiled) console.log(`CPU profile of the desk process: ${profileDir}`);
  console.log(JSON.stringify(figures));
} finally {
  socket?.close();
  await Promise.all([...children].map(stop));
  await facebook.close();
  await database.drop();
  const keys = new Redis(redis.url);
  const stale = await keys.keys(`${redisPrefix}*`);
  if (stale.length > 0) await keys.del(...stale);
  keys.disconnect();
  await redis.stop();
}
