import { performance } from 'node:perf_hooks';
import { connectAgentSockets, memoryMb, sleep, type DeskProcesses, type startLoadGenerators } from './processes';

// `npm run bench -- --memory`: the desk started on a database already holding a year of history
// (scripts/bench/seed-history.ts, 1 M messages by default), then driven for a bounded time the
// way a busy desk is — webhooks at a steady rate, agents' sockets connected, agents listing and
// searching threads and opening them over the API — sampling the RSS of the web and the worker
// process every second.

/** Agents' inbox queries and thread openings, `concurrency` at a time until `until`; their latencies. */
async function browseInbox(webUrls: string[], cookies: string[], until: number, concurrency: number) {
  const lists = ['view=all', 'view=attention', 'view=closed&risk=priority', 'q=bench', 'q=message&view=all', 'status=closed&language=cy'];
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const failed = (what: string, status: number) => failures.set(`${what} ${status}`, (failures.get(`${what} ${status}`) ?? 0) + 1);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let call = lane; performance.now() < until; call += concurrency) {
        const base = webUrls[call % webUrls.length]!;
        const headers = { cookie: cookies[call % cookies.length]! };
        const started = performance.now();
        const response = await fetch(`${base}/api/threads?${lists[call % lists.length]}`, { headers });
        if (response.status !== 200) failed(lists[call % lists.length]!, response.status);
        const page = (await response.json()) as { threads?: Array<{ id: string; restricted: boolean }> };
        latencies.push(performance.now() - started);
        // Open one of the listed threads, as an agent does (its messages are read): one they may
        // read (a restricted thread is refused, 403, to agents not cleared for it).
        const readable = page.threads?.filter((thread) => !thread.restricted) ?? [];
        const opened = readable[call % Math.max(1, readable.length)];
        if (opened) {
          const threadStarted = performance.now();
          const thread = await fetch(`${base}/api/threads/${opened.id}`, { headers });
          if (thread.status !== 200) failed('open thread', thread.status);
          await thread.arrayBuffer();
          latencies.push(performance.now() - threadStarted);
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN);
  const apiFailures = [...failures.values()].reduce((sum, count) => sum + count, 0);
  return { apiCalls: latencies.length, apiFailures, apiFailuresByCall: [...failures].map(([call, count]) => `${call}: ${count}`).join('; ') || 'none', apiP50Ms: percentile(50), apiP99Ms: percentile(99) };
}

export async function runUnderLoadForMemory(options: {
  desk: DeskProcesses;
  cookies: string[];
  generators: Awaited<ReturnType<typeof startLoadGenerators>>;
  seconds: number;
  webhookRate: number;
  agentSockets: number;
  drainSeconds: number;
}) {
  const { desk, cookies, generators } = options;
  const webUrls = desk.webs.map((web) => web.url);
  const web = desk.webs[0]!.process.pid!;
  const worker = desk.workers[0]!.pid!;
  const atStart = { web: memoryMb(web).rss, worker: memoryMb(worker).rss };
  const sampled = { web: atStart.web, worker: atStart.worker };
  const sampler = setInterval(() => {
    sampled.web = Math.max(sampled.web, memoryMb(web).rss);
    sampled.worker = Math.max(sampled.worker, memoryMb(worker).rss);
  }, 1000);
  try {
    const sockets = await connectAgentSockets(webUrls, cookies, options.agentSockets);
    const until = performance.now() + options.seconds * 1000;
    const [load, browsing] = await Promise.all([
      generators.generate(webUrls, 'memory', options.webhookRate, options.seconds),
      browseInbox(webUrls, cookies, until, 4),
    ]);
    const pushed = await sockets.expect('memory', load.accepted, options.drainSeconds * 1000);
    await sleep(1000);
    const atEnd = { web: memoryMb(web), worker: memoryMb(worker) };
    await sockets.close();
    return {
      seconds: options.seconds,
      webhooksSent: load.sent,
      webhooksAccepted: load.accepted,
      agentSockets: pushed.sockets,
      socketsWithEveryMessage: pushed.socketsWithEveryMessage,
      ...browsing,
      rssWebStartMb: atStart.web,
      rssWebMb: atEnd.web.rss,
      rssWebPeakMb: Math.max(sampled.web, atEnd.web.peak),
      rssWorkerStartMb: atStart.worker,
      rssWorkerMb: atEnd.worker.rss,
      rssWorkerPeakMb: Math.max(sampled.worker, atEnd.worker.peak),
    };
  } finally {
    clearInterval(sampler);
  }
}
