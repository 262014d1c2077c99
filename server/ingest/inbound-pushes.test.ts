import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../shared/inbound';
import { inboxChangesSchema, type InboxChanges } from '../../shared/socket';
import { nextNewMessage, nextThreadUpdate } from '../../scripts/testing/agent-pushes';
import { nextEvent, startTestDesk, TEST_PAGE_ID, type AgentSocket, type TestDesk } from '../../scripts/testing/test-desk';
import { createThreadAccess } from '../access/thread-access';
import { ConnectorRegistry } from '../channels/connector-registry';
import { teams } from '../db/schema';
import { redisKeys } from '../desk';
import { createLogger } from '../logger';
import { createQueues, QUEUE_NAMES, type DeskQueues } from '../queues/queues';
import { createAgentNotifier } from '../realtime/agent-notifier';
import { connectRedis } from '../redis';
import { addAgentToTeam } from '../teams/teams.service';
import { createTriage } from '../triage/classify';
import { createInboundProcessor } from './inbound.processor';

// The desk's agents, told of a batch stored by an inbound worker whose batches are known: four
// jobs, one batch (the desk's own worker batches whatever arrives within a few milliseconds).
const BATCH_SIZE = 4;

let desk: TestDesk;
let queues: DeskQueues;
let worker: Worker;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'test');
beforeAll(async () => {
  desk = await startTestDesk();
  const { db } = desk.desk.database;
  const logger = createLogger('silent');
  queues = createQueues(redis, `${desk.redisPrefix}-batches`);
  const processInbound = createInboundProcessor(
    {
      db,
      connectors: new ConnectorRegistry([]),
      queues,
      notifier: createAgentNotifier(redis, redisKeys(desk.redisPrefix).socketAdapter, createThreadAccess(db, desk.config.restrictedCategoryTeams), logger),
      logger,
      triage: createTriage(),
      acknowledgements: null,
    },
    { maxSize: BATCH_SIZE, maxWaitMs: 2_000 },
  );
  worker = new Worker(QUEUE_NAMES.inbound, processInbound, { connection: redis, prefix: `${desk.redisPrefix}-batches`, concurrency: BATCH_SIZE });
});
afterAll(async () => {
  await worker?.close();
  await queues?.close();
  redis.disconnect();
  await desk?.close();
});

function message(psid: string, text: string, sentAt: string): InboundEvent {
  return {
    channel: 'facebook',
    accountId: TEST_PAGE_ID,
    platformMessageId: `m_${randomUUID()}`,
    platformConversationId: psid,
    sender: { platformUserId: psid, displayName: null, handle: null },
    text,
    attachments: [],
    sentAt,
  };
}

async function safeguardingOfficer() {
  const officer = await desk.signIn();
  const [team] = await desk.desk.database.db.select().from(teams).where(eq(teams.name, 'Safeguarding'));
  await addAgentToTeam(desk.desk.database.db, officer.agentId, team!.id);
  return officer;
}

/** Every `inbox:changes` push the socket receives, as the agent's browser parses it. */
function collectInboxChanges(socket: AgentSocket): InboxChanges[] {
  const received: InboxChanges[] = [];
  socket.on('inbox:changes', (changes) => received.push(inboxChangesSchema.parse(changes)));
  return received;
}

describe('telling agents of a stored batch of inbound messages', () => {
  it('pushes the batch to each agent as one event, in the order stored, and a restricted thread’s message only to those cleared for it', async () => {
    const officer = await safeguardingOfficer();
    const bystander = await desk.signIn();
    const officerSocket = await desk.connectAgent(officer.cookie);
    const bystanderSocket = await desk.connectAgent(bystander.cookie);
    const toOfficer = collectInboxChanges(officerSocket);
    const toBystander = collectInboxChanges(bystanderSocket);
    const disclosure = `He forced me to have sex when I said no, it happened on Saturday night (${randomUUID()})`;
    const batch = [
      message('7900000000000001', 'My bike was stolen from outside the library', '2026-06-01T10:00:00.000Z'),
      message('7900000000000001', 'It is a red Raleigh with a basket', '2026-06-01T10:00:05.000Z'),
      message('7900000000000002', 'Is the station on Mill Street open on Sundays?', '2026-06-01T10:00:06.000Z'),
      message('7900000000000003', disclosure, '2026-06-01T10:00:07.000Z'),
    ];
    const officerSeesDisclosure = nextNewMessage(officerSocket, (pushed) => pushed.text === disclosure);
    const bystanderSeesRestrictedThread = nextEvent(bystanderSocket, 'thread:updated', (thread) => thread.restricted);
    const bystanderSeesDisclosure = nextNewMessage(bystanderSocket, (pushed) => pushed.text === disclosure, 1_500).then(
      () => 'told',
      () => 'not told',
    );
    const bystanderSeesLastOrdinary = nextThreadUpdate(bystanderSocket, (thread) => thread.lastMessagePreview === batch[2]!.text);

    await queues.inbound.addBulk(batch.map((data) => ({ name: 'message', data })));
    await bystanderSeesLastOrdinary;
    expect((await officerSeesDisclosure).direction).toBe('in');
    const redacted = await bystanderSeesRestrictedThread;
    expect([redacted.isRedacted, redacted.lastMessagePreview]).toEqual([true, '']);
    expect(await bystanderSeesDisclosure).toBe('not told');

    const ordinaryTexts = batch.slice(0, 3).map(({ text }) => text);
    for (const received of [toBystander, toOfficer]) {
      expect(received).toHaveLength(1);
      expect(received[0]!.messages.map(({ text }) => text)).toEqual(ordinaryTexts);
      expect(received[0]!.threads.map(({ lastMessagePreview }) => lastMessagePreview).sort()).toEqual([ordinaryTexts[1], ordinaryTexts[2]].sort());
    }
  });
});
