import { spawn, type ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, waitUntil } from '../../scripts/services/redis';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { messages } from '../db/schema';
import { Redis } from 'ioredis';

// Fault test: the desk's Redis goes away and comes back. A Messenger webhook that cannot be
// queued is answered 5xx at once, Meta delivers it again, and the message is stored once.

let redisServer: ChildProcess | undefined;
let port: number;
let desk: TestDesk;

function startRedisServer(): Promise<void> {
  redisServer = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
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
  await startRedisServer();
  desk = await startTestDesk({ redisUrl: `redis://127.0.0.1:${port}`, facebook: { retryDelaysMs: [1500, 1500, 3000, 5000] } });
});
afterAll(async () => {
  if (!(await answersPing())) await startRedisServer();
  await desk?.close();
  await stopRedisServer();
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
