// How long an X DM takes to reach an agent's screen when it is read by polling at the default
// share of the rate budget (X_POLL_SHARE=0.6, a poll every 5 s): `npx tsx scripts/bench/x-dm-delay.ts [count]`.
// Measured from the fake X storing the DM to the agent's socket receiving it. A figure, not a test.
import { randomInt } from 'node:crypto';
import { X_ENDPOINTS } from '../fake-x/server';
import { nextNewMessage } from '../testing/agent-pushes';
import { startTestDesk } from '../testing/test-desk';

const count = Number(process.argv[2] ?? 12);
const desk = await startTestDesk({ x: { hasAccountActivity: false }, environment: { X_POLL_SHARE: '0.6' } });
try {
  const { cookie } = await desk.signIn();
  const socket = await desk.connectAgent(cookie);
  const delays: number[] = [];
  const startedAt = Date.now();
  for (let n = 0; n < count; n += 1) {
    // Arrivals at random points of the poll cycle, as real DMs are.
    await new Promise((resolve) => setTimeout(resolve, randomInt(0, 5000)));
    const text = `delay probe ${n} ${Date.now()}`;
    const shown = nextNewMessage(socket, (message) => message.text === text, 30_000);
    const sentAt = performance.now();
    await desk.x!.sendUserDm({ userId: String(700000 + n), text });
    await shown;
    delays.push(performance.now() - sentAt);
  }
  delays.sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const reads = desk.x!.rateLimits.requests(X_ENDPOINTS.readDms).filter((read) => read.at >= startedAt).length;
  const readsPer15Minutes = (reads * 900_000) / (Date.now() - startedAt);
  console.log(`dm_events reads: ${reads} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s = ${readsPer15Minutes.toFixed(0)} per 15 min (the 0.6 share allows 180 of 300)`);
  console.log(`X DM to screen by polling at X_POLL_SHARE=0.6 (${count} DMs): median ${seconds(at(0.5))}, p90 ${seconds(at(0.9))}, max ${seconds(delays.at(-1)!)}, min ${seconds(delays[0]!)}`);
} finally {
  await desk.close();
}
