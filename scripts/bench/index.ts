import { performance } from 'node:perf_hooks';
import { serialiseLikeMeta } from '../fake-facebook/meta-json';
import { ensureRedis } from '../services/redis';
import { startTestDesk, TEST_PAGE_ID } from '../testing/test-desk';

// `npm run bench [-- --quick]`: signed Facebook webhooks into a whole desk (real Redis, PostgreSQL
// from BENCH_DATABASE_URL or in-memory PGlite), timed until each message reaches an agent's socket.
// Prints a table, then one line of JSON with the figures. Loopback only; bounded in count.
const isQuick = process.argv.includes('--quick');
const MESSAGES = isQuick ? 300 : 2000;
const CONCURRENCY = 32;

const redis = await ensureRedis(() => {});
process.env.REDIS_URL = redis.url;
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
else delete process.env.TEST_DATABASE_URL;

const desk = await startTestDesk();
try {
  const { cookie } = await desk.signIn();
  const socket = await desk.connectAgent(cookie);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const allArrived = new Promise<void>((resolve) => {
    socket.on('message:created', (message) => {
      const started = sentAt.get(message.text);
      if (started === undefined) return;
      latencies.push(performance.now() - started);
      if (latencies.length === MESSAGES) resolve();
    });
  });

  const bodies = Array.from({ length: MESSAGES }, (_, index) => {
    const text = `bench message ${index} — café ☕`;
    const body = serialiseLikeMeta({
      object: 'page',
      entry: [{ id: TEST_PAGE_ID, time: Date.now(), messaging: [{ sender: { id: `79${String(index % 400).padStart(14, '0')}` }, recipient: { id: TEST_PAGE_ID }, timestamp: Date.now(), message: { mid: `m_bench_${index}`, text } }] }],
    });
    return { text, body };
  });

  const started = performance.now();
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const { text, body } = bodies[next++]!;
        sentAt.set(text, performance.now());
        const delivery = await desk.facebook.deliverRaw(body);
        if (delivery.status !== 200) refused += 1;
      }
    }),
  );
  const acceptedMs = performance.now() - started;
  const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('not every message reached the agent within 120 s')), 120_000).unref());
  await Promise.race([allArrived, timeout]);
  const endToEndMs = performance.now() - started;

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const figures = {
    messages: MESSAGES,
    database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
    webhookReqPerSec: Math.round(MESSAGES / (acceptedMs / 1000)),
    ingestMsgsPerSec: Math.round(MESSAGES / (endToEndMs / 1000)),
    p50WebhookToScreenMs: Math.round(percentile(50)),
    p99WebhookToScreenMs: Math.round(percentile(99)),
    refused,
  };
  console.log('\nSocial Desk bench: Facebook webhook → stored → pushed to an agent');
  console.table(figures);
  console.log(JSON.stringify(figures));
} finally {
  await desk.close();
  await redis.stop();
}
