import { inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresServerUrl } from '../../scripts/testing/postgres-server';
import { startTcpProxy, type TcpProxy } from '../../scripts/testing/tcp-proxy';
import { createTestDatabase } from '../../scripts/testing/test-database';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import type { PlatformEvent } from '../../shared/inbound';
import { messages } from '../db/schema';
import { eventsOfInboundJob } from '../queues/inbound-jobs';

// Fault test: the desk reaches PostgreSQL through a TCP proxy the test cuts for 30 s (every open
// connection dropped, new ones refused), as a database failover or a network fault would.
// PGlite runs inside the desk's own process and cannot be cut off from it, so this test uses a
// PostgreSQL server (TEST_DATABASE_URL, or the machine's own).

const OUTAGE_MS = 30_000;

let desk: TestDesk;
let proxy: TcpProxy;
let direct: pg.Client; // the test's own view of the database, around the proxy

beforeAll(async () => {
  const database = await createTestDatabase(await postgresServerUrl());
  const url = new URL((database.location as { url: string }).url);
  direct = new pg.Client({ connectionString: url.toString() });
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  desk = await startTestDesk({ database: { location: { url: url.toString() }, drop: database.drop } });
  await direct.connect();
});
afterAll(async () => {
  await proxy?.restore();
  await direct?.end();
  await desk?.close();
  await proxy?.close();
});

const readiness = async () => {
  const { status, body } = await desk.api('/readyz');
  return { status, database: body.checks?.database };
};
const storedCount = async (texts: string[]) =>
  Number((await direct.query('select count(*) as n from messages where text = any($1)', [texts])).rows[0].n);

describe('when the database is unreachable for 30 s', () => {
  it('keeps taking webhooks, reports not ready, retries the inbound jobs with backoff and stores them all once it is back', async () => {
    await desk.facebook.sendUserMessage({ psid: '7991000000000001', text: 'Before the database outage' });
    await eventually(async () => (await storedCount(['Before the database outage'])) === 1);
    expect(await readiness()).toEqual({ status: 200, database: 'ok' });

    await proxy.cut();
    const cutAt = Date.now();
    const texts = Array.from({ length: 20 }, (_, i) => `During the database outage, message ${i}`);
    for (const [i, text] of texts.entries()) {
      const { status } = await desk.facebook.sendUserMessage({ psid: String(7_991_000_000_000_100 + (i % 5)), text });
      expect(status).toBe(200); // the webhook never touches the database
    }
    await eventually(async () => (await readiness()).status === 503, 5_000);
    expect(await readiness()).toEqual({ status: 503, database: 'unreachable' });

    // The outage lasts 30 s; the desk stays not ready throughout and stores nothing.
    while (Date.now() - cutAt < OUTAGE_MS) {
      expect((await readiness()).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    expect(await storedCount(texts)).toBe(0);
    const jobs = await desk.desk.queues.inbound.getJobs(['delayed', 'waiting', 'active', 'prioritized']);
    const attemptsByText = new Map(
      jobs.flatMap((job) =>
        (eventsOfInboundJob(job.data) as PlatformEvent[]).flatMap((event) => ('text' in event && texts.includes(event.text) ? [[event.text, job.attemptsMade]] : [])),
      ),
    );
    expect(attemptsByText.size).toBe(texts.length);
    const attempts = [...attemptsByText.values()];
    // Exponential backoff from 1 s: about five tries in 30 s each (a fixed 1 s would be 30 and exhaust the 10 allowed).
    expect(Math.min(...attempts)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(6);
    expect(await desk.desk.queues.inbound.getFailedCount()).toBe(0);

    await proxy.restore();
    await eventually(async () => (await readiness()).status === 200, 10_000);
    await eventually(async () => (await storedCount(texts)) === texts.length, 60_000);
    // A job that stored its message just as the connection dropped may still be waiting out its backoff.
    await eventually(async () => {
      const counts = await desk.desk.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((value) => value === 0);
    }, 60_000);
    const stored = await desk.desk.database.db.select({ text: messages.text }).from(messages).where(inArray(messages.text, texts));
    expect(stored.map(({ text }) => text).sort()).toEqual([...texts].sort()); // each once
  }, 150_000);
});
