import { count, countDistinct, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserMessage } from '../../scripts/fake-facebook/server';
import { onNewMessage } from '../../scripts/testing/agent-pushes';
import { startDeskWithWorkerProcess, type DeskWithWorkerProcess } from '../../scripts/testing/desk-with-worker-process';
import { eventually, type TestDesk } from '../../scripts/testing/test-desk';
import { messages } from '../db/schema';

// Fault test: the worker is a process of its own (ROLES=worker) beside the web process that takes
// the webhooks, and it is killed with SIGKILL in the middle of a burst. Its unfinished jobs are
// taken up again by the restarted worker once their locks lapse (JOB_STALLED_AFTER_MS).

const MESSAGES = 5_000;
const PEOPLE = 100;
const PER_WEBHOOK = 10; // Meta batches several entries in one POST (contracts §1 "Batching")
const STALLED_AFTER_MS = 2_000;

let split: DeskWithWorkerProcess;
let desk: TestDesk;

beforeAll(async () => {
  split = await startDeskWithWorkerProcess({}, STALLED_AFTER_MS);
  desk = split.desk;
}, 90_000);
afterAll(async () => {
  await split?.close();
});

/** 5,000 DMs from 100 people, fifty each, in webhooks of ten DMs from ten different people (so they are stored side by side). */
function burst(): UserMessage[][] {
  const start = Date.now() - 60_000;
  const bodies: UserMessage[][] = [];
  for (let b = 0; b < MESSAGES / PER_WEBHOOK; b += 1) {
    bodies.push(
      Array.from({ length: PER_WEBHOOK }, (_, i) => {
        const k = b * PER_WEBHOOK + i;
        return { psid: String(7_950_000_000_000_000 + (k % PEOPLE)), text: `Burst message ${k} about a lost bicycle`, mid: `m_burst_${k}`, timestamp: start + k };
      }),
    );
  }
  return bodies;
}

async function deliverAll(desk: TestDesk, bodies: UserMessage[][], parallel = 6): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        statuses.push((await desk.facebook.sendUserMessages(body)).status);
      }
    }),
  );
  return statuses;
}

const inbound = eq(messages.direction, 'in');
const countStored = async () => (await desk.desk.database.db.select({ n: count() }).from(messages).where(inbound))[0]!.n;

describe('when the worker process is killed (SIGKILL) in the middle of a burst', () => {
  it('stores each of 5,000 messages exactly once, despite 10 % duplicate deliveries, and pushes every one to a connected agent', async () => {
    const { cookie } = await desk.signIn('supervisor');
    const socket = await desk.connectAgent(cookie);
    const pushed = new Set<string>();
    onNewMessage(socket, (message) => pushed.add(message.id));

    const bodies = burst();
    // Every tenth webhook is delivered a second time, byte-identical in content (same mids, same times).
    const duplicates = bodies.filter((_, index) => index % 10 === 5);
    const firstHalf = bodies.slice(0, bodies.length / 2);
    const secondHalf = bodies.slice(bodies.length / 2);

    const sending = deliverAll(desk, [...firstHalf, ...duplicates.slice(0, duplicates.length / 2)]);
    await eventually(async () => (await countStored()) >= 1_000, 120_000).catch(async (error: Error) => {
      throw new Error(`${error.message}; ${await countStored()} stored; the worker logged:\n${split.worker().output().slice(-3000)}`);
    });
    await split.worker().kill();
    const storedAtKill = await countStored();
    const statuses = [...(await sending), ...(await deliverAll(desk, [...secondHalf, ...duplicates.slice(duplicates.length / 2)]))];
    expect(statuses.every((status) => status === 200)).toBe(true); // the web process queued them all while no worker ran
    await split.restartWorker();
    await eventually(async () => (await countStored()) >= MESSAGES, 240_000).catch((error: Error) => {
      throw new Error(`${error.message}; ${storedAtKill} stored at the kill; the restarted worker logged:\n${split.worker().output().slice(-3000)}`);
    });
    await desk.inboundSettled();
    await new Promise((resolve) => setTimeout(resolve, 500)); // pushes still in flight

    const [stored] = await desk.desk.database.db
      .select({ total: count(), distinct: countDistinct(messages.platformMessageId) })
      .from(messages)
      .where(inbound);
    expect(storedAtKill).toBeLessThan(MESSAGES);
    expect(stored).toEqual({ total: MESSAGES, distinct: MESSAGES });
    const storedIds = (await desk.desk.database.db.select({ id: messages.id }).from(messages).where(inbound)).map((row) => row.id);
    expect(storedIds.filter((id) => !pushed.has(id))).toEqual([]);
  }, 420_000);
});
