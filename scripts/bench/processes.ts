import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAgent } from '../../server/auth/agents.service';
import type { Database } from '../../server/db/database';
import { buildServer } from '../build-server';
import { benchNow } from './bench-text';
import { findFreePort, waitUntil } from '../services/redis';
import type { LoadOptions, LoadResult } from './webhook-load';

// The processes `npm run bench` starts — the desk (`server/main.ts`, built), load generators, agents'
// sockets, the bare Express yardstick — and what it reads about them from /proc.

const children = new Set<ChildProcess>();

export const now = benchNow;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TypeScript script of the bench's own in a child process (through tsx). */
export const node = (args: string[], env: Record<string, string> = {}, extraNodeOptions: string[] = []) =>
  spawnNode([...extraNodeOptions, '--import', 'tsx', ...args], env);

function spawnNode(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// The desk and the bare Express yardstick run as `npm start` runs the desk: bundled JavaScript on
// plain Node (tsx's loader would add its own memory and start-up to the figures), built afresh.
const BUILD_DIR = '.data/bench-build';
export const buildForBench = () => buildServer(BUILD_DIR, { main: 'server/main.ts', 'bare-express': 'scripts/bench/bare-express.ts' });
const built = (name: string, args: string[], env: Record<string, string>, nodeOptions: string[] = []) =>
  spawnNode([...nodeOptions, path.join(BUILD_DIR, `${name}.js`), ...args], env);

export function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export const stopAll = () => Promise.all([...children].map(stop));

export const answers = (url: string) => async () => {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
};

/** A child that prints one JSON line when ready, then answers each JSON line on its stdin with one. */
export async function startLineChild(args: string[]) {
  const child = node(args);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async <Answer>() => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${args[0]} ended`);
    return JSON.parse(value as string) as Answer;
  };
  await nextLine();
  return {
    ask: <Answer>(request: unknown) => {
      child.stdin!.write(`${JSON.stringify(request)}\n`);
      return nextLine<Answer>();
    },
    close: () => stop(child),
    pid: child.pid!,
  };
}

// CPU time (user + system) of processes, from /proc: robust to a machine shared with other work,
// where wall-clock rates swing with the neighbours' load.
const CLOCK_TICKS_PER_SECOND = 100;
export const cpuMs = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return sum;
    }
  }, 0);

/** Resident memory now and its peak (VmHWM) since the process started, in MB. */
export const memoryMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
};

export interface DeskProcesses {
  webs: Array<{ url: string; process: ChildProcess }>;
  workers: ChildProcess[];
}

/**
 * Desk processes started all at once (the bench has migrated the database already): `webs` web
 * processes — with the worker role too when `workers` is 0 (as `npm run dev`) unless `webOnly` — and `workers`
 * worker-only processes. Each web is ready when /readyz answers, a worker when it logs its start.
 */
export async function startDeskProcesses(environment: Record<string, string>, layout: { webs: number; workers: number; webOnly?: boolean }, nodeOptions: string[] = []): Promise<DeskProcesses> {
  const startWeb = async () => {
    const port = await findFreePort();
    const web = built('main', [], { ...environment, PORT: String(port), ROLES: layout.workers > 0 || layout.webOnly ? 'web' : 'web,worker' }, nodeOptions);
    web.stdout!.pipe(process.stderr);
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(answers(`${url}/readyz`), 60_000, 'the desk did not answer /readyz within 60 s');
    return { url, process: web };
  };
  const startWorker = async () => {
    const port = await findFreePort();
    return new Promise<ChildProcess>((resolve, reject) => {
      const worker = built('main', [], { ...environment, PORT: String(port), ROLES: 'worker', LOG_LEVEL: 'info' }, nodeOptions);
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
  };
  const [webs, workers] = await Promise.all([
    Promise.all(Array.from({ length: layout.webs }, startWeb)),
    Promise.all(Array.from({ length: layout.workers }, startWorker)),
  ]);
  return { webs, workers };
}

/** The bare Express yardstick (scripts/bench/bare-express.ts) on a port of its own. */
export async function startBareExpress() {
  const port = await findFreePort();
  const bare = built('bare-express', [String(port)], {});
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(answers(`${url}/readyz`), 60_000, 'the bare Express app did not start');
  return { url, process: bare };
}

/**
 * Agents, straight into the database (there is no account to create one over the API), signed in
 * over HTTP, round-robin over the web processes: their session cookies.
 */
export async function signInAgents(db: Database, webUrls: string[], count: number, password: string) {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const email = `bench-${index}-${randomBytes(4).toString('hex')}@desk.test`;
      await createAgent(db, { name: `Bench agent ${index}`, email, password, role: 'agent' });
      const login = await fetch(`${webUrls[index % webUrls.length]}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
      return login.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
    }),
  );
}

export type SocketsReport = {
  run: string;
  sockets: number;
  socketsWithEveryMessage: number;
  fewestMessagesOnASocket: number;
  threadUpdateP50Ms: number;
  threadUpdateP99Ms: number;
  messageP50Ms: number;
  messageP99Ms: number;
};

/** Agent sockets in a process of their own (scripts/bench/agent-sockets.ts). */
export async function connectAgentSockets(urls: string[], cookies: string[], sockets: number) {
  const child = await startLineChild(['scripts/bench/agent-sockets.ts', JSON.stringify({ urls, cookies, sockets })]);
  return {
    /** Waits until every socket has had `count` messages of the run (or the time is up). */
    async expect(run: string, count: number, timeoutMs: number): Promise<SocketsReport & { doneAt: number }> {
      const report = await child.ask<SocketsReport>({ run, count, timeoutMs });
      return { ...report, doneAt: now() };
    },
    close: child.close,
    pid: child.pid,
  };
}

export type LoadSettings = Pick<LoadOptions, 'appSecret' | 'pageId' | 'senders' | 'connections'>;

/**
 * Load generators (scripts/bench/webhook-load.ts), each a process that stays up for the bench:
 * `generate` drives one per target URL, sharing the run's numbering, the rate and the count.
 */
export async function startLoadGenerators(count: number, settings: LoadSettings) {
  const generators = await Promise.all(Array.from({ length: count }, () => startLineChild(['scripts/bench/webhook-load.ts'])));
  return {
    async generate(urls: string[], run: string, rate: number, seconds: number, total = 0, perDelivery = 1): Promise<LoadResult> {
      const share = (offset: number) => Math.floor(total / urls.length) + (offset < total % urls.length ? 1 : 0);
      const results = await Promise.all(
        urls.map((baseUrl, offset) =>
          generators[offset]!.ask<LoadResult>({
            ...settings,
            url: `${baseUrl}/webhooks/facebook`,
            run,
            rate: rate / urls.length,
            seconds,
            count: total > 0 ? share(offset) : 0,
            connections: Math.ceil(settings.connections / urls.length),
            offset,
            stride: urls.length,
            perDelivery,
          } satisfies LoadOptions),
        ),
      );
      return {
        sent: results.reduce((sum, result) => sum + result.sent, 0),
        accepted: results.reduce((sum, result) => sum + result.accepted, 0),
        refused: results.reduce((sum, result) => sum + result.refused, 0),
        failed: results.reduce((sum, result) => sum + result.failed, 0),
        failedBy: results.reduce<Record<string, number>>((sum, result) => {
          for (const [code, count] of Object.entries(result.failedBy)) sum[code] = (sum[code] ?? 0) + count;
          return sum;
        }, {}),
        elapsedMs: Math.max(...results.map((result) => result.elapsedMs)),
      };
    },
    close: () => Promise.all(generators.map((generator) => generator.close())),
    pids: generators.map((generator) => generator.pid),
  };
}
