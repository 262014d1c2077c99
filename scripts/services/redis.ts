import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface RedisService {
  url: string;
  /** Whether this script started the server (and so stops it). */
  isOwned: boolean;
  stop(): Promise<void>;
}

/**
 * REDIS_URL if given; else a Redis already answering on 127.0.0.1:6379; else Debian's
 * redis-server started on a free port with its data under .data/redis (installed with apt-get
 * first when missing and we are root).
 */
export async function ensureRedis(log: (line: string) => void = console.log): Promise<RedisService> {
  const given = process.env.REDIS_URL;
  if (given) {
    if (!(await answersPing(given))) throw new Error(`REDIS_URL=${given} does not answer PING.`);
    return { url: given, isOwned: false, stop: async () => {} };
  }
  const local = 'redis://127.0.0.1:6379';
  if (await answersPing(local)) return { url: local, isOwned: false, stop: async () => {} };

  ensureRedisServerInstalled(log);
  const port = await findFreePort();
  const dataDir = path.resolve('.data/redis');
  mkdirSync(dataDir, { recursive: true });
  log(`Starting redis-server on 127.0.0.1:${port} (data in ${dataDir})`);
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dataDir, '--save', '60 1000', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  await waitUntil(() => answersPing(url), 10_000, 'redis-server did not start within 10 s');
  return { url, isOwned: true, stop: () => stopChild(child) };
}

function ensureRedisServerInstalled(log: (line: string) => void) {
  if (spawnSync('redis-server', ['--version']).status === 0) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version']).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      'No Redis is running and redis-server is not installed. Install it (Debian/Ubuntu: sudo apt-get install redis-server) or set REDIS_URL.',
    );
  }
  log('Installing redis-server with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
  if (install.status !== 0) throw new Error('apt-get install redis-server failed; install it yourself or set REDIS_URL.');
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, message: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(message);
}

/** Stops a server this script started and waits for it to exit. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
