import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, countDistinct, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, waitUntil } from '../../scripts/services/redis';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { messages } from '../db/schema';
import { Redis } from 'ioredis';

// Fault test: the desk's Redis goes away and comes back. A Messenger webhook that cannot be
// queued is answered 5xx at once, Meta delivers it again, and the message is stored once.
// The Redis is configured as production's should be: every write in the append-only file before
// it is acknowledged, so a job Redis has accepted survives even kill -9.

let redisServer: ChildProcess | undefined;
let port: number;
let dataDir: string;
let desk: TestDesk;

function startRedisServer(): Promise<void> {
  redisServer = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dataDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'],
    { stdio: 'ignore' },
  );
  return waitUntil(() => answersPing(), 10_000, 'redis-server did not start');
}

function stopRedisServer(): Promise<void> {
  const server = redisServer;
  if (!server || server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGKILL');
  });
}

async function answersPing(): Promise<boolean> {
  const client = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
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

beforeAll(async () => {
  port = await findFreePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sd-redis-outage-'));
  await startRedisServer();
  desk = await startTestDesk({
    redisUrl: `redis://127.0.0.1:${port}`,
    facebook: { retryDelaysMs: [1500, 1500, 3000, 5000, 8000] },
    // Jobs running when Redis went away are taken up again soon after it is back.
    environment: { JOB_STALLED_AFTER_MS: '2000' },
  });
});
afterAll(async () => {
  if (!(await answersPing())) await startRedisServer();
  await desk?.close();
  await stopRedisServer();
  rmSync(dataDir, { recursive: true, force: true });
});

const storedWith = (text: string) => desk.desk.database.db.select().from(messages).where(eq(messages.text, text));

describe('when Redis goes away', () => {
  it('answers the webhook 503 at once, and the message Meta delivers again is stored once when Redis is back', async () => {
    await desk.facebook.sendUserMessage({ psid: '7990000000000001', text: 'Before the outage' });
    await eventually(async () => (await storedWith('Before the outage')).length === 1);

    await stopRedisServer();
    const startedAt = Date.now();
    const { status } = await desk.facebook.sendUserMessage({ psid: '7990000000000001', text: 'During the outage' });
    expect(status).toBe(503);
    expect(Date.now() - startedAt).toBeLessThan(5_000); // failed fast: Meta would time out at 20 s

    await startRedisServer();
    await eventually(async () => (await storedWith('During the outage')).length > 0, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // later redeliveries find it stored
    expect(await storedWith('During the outage')).toHaveLength(1);
  });
});

describe('when Redis is restarted in the middle of a burst', () => {
  it('answers 5xx while it is down, and Meta\'s redeliveries bring every message in, each stored once', async () => {
    const bodies = Array.from({ length: 80 }, (_, b) =>
      Array.from({ length: 5 }, (_, i) => ({ psid: String(7_990_000_000_000_100 + i), text: `Burst during a Redis restart ${b * 5 + i}`, mid: `m_redis_burst_${b}_${i}` })),
    );
    const statuses: number[] = [];
    for (const [index, body] of bodies.entries()) {
      if (index === 30) await stopRedisServer(); // kill -9, jobs queued and running
      if (index === 50) {
        await startRedisServer();
        // As behind a load balancer: deliveries go to the desk again once it says it is ready.
        await eventually(async () => (await fetch(`${desk.url}/readyz`)).status === 200, 10_000);
      }
      statuses.push((await desk.facebook.sendUserMessages(body)).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(30, 50).every((status) => status >= 500)).toBe(true); // so Meta delivers them again
    expect(statuses.slice(50).every((status) => status === 200)).toBe(true);

    const burst = like(messages.text, 'Burst during a Redis restart %');
    const total = bodies.length * 5;
    await eventually(async () => (await desk.desk.database.db.select({ n: count() }).from(messages).where(burst))[0]!.n >= total, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // later redeliveries find them stored
    const [stored] = await desk.desk.database.db.select({ total: count(), distinct: countDistinct(messages.platformMessageId) }).from(messages).where(burst);
    expect(stored).toEqual({ total, distinct: total });
  }, 120_000);
});
