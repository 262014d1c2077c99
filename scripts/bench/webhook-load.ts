import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { serialiseLikeMeta, signMetaBody } from '../fake-facebook/meta-json';
import { benchNow, benchText } from './bench-text';

// The load generator of `npm run bench`, in a process of its own so it does not share a thread
// with the desk: signed Facebook message webhooks over keep-alive HTTP to 127.0.0.1 only.
// It stays up for the whole bench (no start-up cost per phase) and runs one load per stdin line:
// either open-loop at a fixed rate (`rate` > 0) or as fast as `connections` allow (`rate` = 0),
// for `seconds` or until `count` are sent. Each text carries its send time (scripts/bench/bench-text.ts) so
// the receiver can time it. Answers each line with one line of JSON:
// { sent, accepted, refused, failed, elapsedMs }.
// Several generators can share one run (offset/stride), e.g. one per web process.
export interface LoadOptions {
  url: string;
  appSecret: string;
  pageId: string;
  run: string;
  rate: number;
  seconds: number;
  connections: number;
  senders: number;
  /** Stop after this many sends (0 = no limit but the time). */
  count: number;
  /** Several generators share one run's numbering: this one numbers its messages offset, offset + stride, … */
  offset?: number;
  stride?: number;
  /**
   * Messages per delivery (default 1): Meta aggregates updates under load, `entry` holding several
   * entries of one event each (contracts/platforms.md §1, "Batching"). Rate and count stay in messages.
   */
  perDelivery?: number;
}
export interface LoadResult {
  sent: number;
  accepted: number;
  refused: number;
  failed: number;
  /** Failed deliveries by error code (a reset connection, a refused one…). */
  failedBy: Record<string, number>;
  elapsedMs: number;
}

const now = benchNow;

async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') throw new Error('the bench only sends to loopback');
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const tally = { sent: 0, accepted: 0, refused: 0, failed: 0, failedBy: {} as Record<string, number> };
  let inFlight = 0;

  const perDelivery = options.perDelivery ?? 1;
  const entry = (index: number, sentAt: number) => ({
    id: options.pageId,
    time: Math.floor(sentAt),
    messaging: [
      {
        sender: { id: `79${String(index % options.senders).padStart(14, '0')}` },
        recipient: { id: options.pageId },
        timestamp: Math.floor(sentAt),
        message: { mid: `m_bench_${options.run}_${index}`, text: benchText(options.run, index, sentAt) },
      },
    ],
  });
  /** Delivery `sequence` carries messages sequence × perDelivery … + perDelivery − 1 of this generator. */
  const post = (sequence: number): Promise<void> => {
    const sentAt = now();
    const indexes = Array.from({ length: perDelivery }, (_, part) => (sequence * perDelivery + part) * (options.stride ?? 1) + (options.offset ?? 0));
    const body = serialiseLikeMeta({ object: 'page', entry: indexes.map((index) => entry(index, sentAt)) });
    tally.sent += perDelivery;
    inFlight += 1;
    return new Promise((resolve) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hub-signature-256': signMetaBody(body, options.appSecret) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode === 200) tally.accepted += perDelivery;
            else tally.refused += perDelivery;
            inFlight -= 1;
            resolve();
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        tally.failed += perDelivery;
        const code = error.code ?? error.message;
        tally.failedBy[code] = (tally.failedBy[code] ?? 0) + perDelivery;
        inFlight -= 1;
        resolve();
      });
      request.end(body);
    });
  };

  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const limit = options.count > 0 ? Math.ceil(options.count / perDelivery) : Number.POSITIVE_INFINITY;
  const deliveryRate = options.rate / perDelivery;
  let next = 0;
  if (options.rate > 0) {
    // Open loop: whatever the answers, send what is due every millisecond tick (bounded in flight).
    const pending = new Set<Promise<void>>();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = performance.now() - started;
        if (performance.now() >= deadline || next >= limit) {
          clearInterval(timer);
          resolve();
          return;
        }
        const due = Math.floor((elapsed / 1000) * deliveryRate);
        while (next < due && next < limit && inFlight < 4 * options.connections) {
          const delivery = post(next++);
          pending.add(delivery);
          void delivery.then(() => pending.delete(delivery));
        }
      }, 1);
    });
    await Promise.all(pending);
  } else {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < deadline && next < limit) await post(next++);
      }),
    );
  }
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { ...tally, elapsedMs: Math.round(elapsedMs) };
}

console.log(JSON.stringify({ ready: true }));
for await (const line of createInterface({ input: process.stdin })) {
  console.log(JSON.stringify(await runLoad(JSON.parse(line) as LoadOptions)));
}
