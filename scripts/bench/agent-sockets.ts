import { createInterface } from 'node:readline';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { AgentToServerEvents, ServerToAgentEvents } from '../../shared/socket';
import { onNewMessage, onThreadUpdate } from '../testing/agent-pushes';
import { benchNow, readBenchText } from './bench-text';

// Signed-in agents' sockets for `npm run bench`, in a process of their own so that receiving
// hundreds of pushes does not slow the bench's timing or the load generator. Connects `sockets`
// sockets round-robin over the web processes' URLs (and the agents' cookies), prints
// {"ready":true}, then answers each stdin line {"run","count","timeoutMs"} once every socket has
// had that run's `count` messages pushed (or the time is up) with one line of JSON: how many
// sockets got every message, and the latency from webhook to socket of the thread updates and
// messages, over all sockets. Bench texts carry their webhook's send time (scripts/bench/bench-text.ts).
const options = JSON.parse(process.argv[2] ?? '{}') as { urls: string[]; cookies: string[]; sockets: number };
const now = benchNow;

interface Received {
  messages: Map<string, Set<number>>;
  /** Per run: latency of the first thread update of each message. */
  threadLatencies: Map<string, Map<number, number>>;
  messageLatencies: Map<string, number[]>;
}

const sockets: Array<Socket<ServerToAgentEvents, AgentToServerEvents>> = [];
const received: Received[] = [];
const record = (into: Received, text: string | null | undefined, kind: 'thread' | 'message') => {
  const marked = readBenchText(text);
  if (!marked) return;
  const { run, index, sentAt } = marked;
  const latency = now() - sentAt;
  if (kind === 'thread') {
    const byIndex = into.threadLatencies.get(run) ?? new Map<number, number>();
    if (!byIndex.has(index)) byIndex.set(index, latency);
    into.threadLatencies.set(run, byIndex);
    return;
  }
  const seen = into.messages.get(run) ?? new Set<number>();
  if (seen.has(index)) return;
  seen.add(index);
  into.messages.set(run, seen);
  into.messageLatencies.set(run, [...(into.messageLatencies.get(run) ?? []), latency]);
};

await Promise.all(
  Array.from({ length: options.sockets }, (_, index) => {
    const url = options.urls[index % options.urls.length]!;
    const cookie = options.cookies[index % options.cookies.length]!;
    const socket: Socket<ServerToAgentEvents, AgentToServerEvents> = connectSocket(url, {
      path: '/socket.io',
      extraHeaders: { cookie },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const into: Received = { messages: new Map(), threadLatencies: new Map(), messageLatencies: new Map() };
    sockets.push(socket);
    received.push(into);
    onThreadUpdate(socket, (thread) => record(into, thread.lastMessagePreview, 'thread'));
    onNewMessage(socket, (message) => record(into, message.text, 'message'));
    return new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }),
);
console.log(JSON.stringify({ ready: true }));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { run, count, timeoutMs } = JSON.parse(line) as { run: string; count: number; timeoutMs: number };
  const deadline = Date.now() + timeoutMs;
  const complete = () => received.filter((into) => (into.messages.get(run)?.size ?? 0) >= count).length;
  while (complete() < sockets.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const threadLatencies = received.flatMap((into) => [...(into.threadLatencies.get(run)?.values() ?? [])]).sort((a, b) => a - b);
  const messageLatencies = received.flatMap((into) => into.messageLatencies.get(run) ?? []).sort((a, b) => a - b);
  const perSocket = received.map((into) => into.messages.get(run)?.size ?? 0);
  console.log(
    JSON.stringify({
      run,
      sockets: sockets.length,
      socketsWithEveryMessage: complete(),
      fewestMessagesOnASocket: Math.min(...perSocket),
      threadUpdateP50Ms: Math.round(percentile(threadLatencies, 50)),
      threadUpdateP99Ms: Math.round(percentile(threadLatencies, 99)),
      messageP50Ms: Math.round(percentile(messageLatencies, 50)),
      messageP99Ms: Math.round(percentile(messageLatencies, 99)),
    }),
  );
}
for (const socket of sockets) socket.close();
