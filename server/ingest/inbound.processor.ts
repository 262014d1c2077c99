import type { Job } from 'bullmq';
import { and, eq, isNull } from 'drizzle-orm';
import { isInboundMessage, platformEventSchema, type InboundEvent, type PlatformEvent } from '../../shared/inbound';
import type { ConnectorRegistry } from '../channels/connector-registry';
import type { Database } from '../db/database';
import { contacts } from '../db/schema';
import type { Logger } from '../logger';
import type { IntegrationEvents } from '../integrations/integration-events';
import { eventsOfInboundJob } from '../queues/inbound-jobs';
import type { DeskQueues } from '../queues/queues';
import type { AgentNotifier } from '../realtime/agent-notifier';
import type { ThreadRouting } from '../routing/thread-routing';
import { loadMessageView, loadMessageViews, loadThreadSummaries, loadThreadSummary } from '../threads/threads.service';
import { ingestInboundBatch, type IngestOptions, type IngestResult } from './ingest-inbound';
import { createMicroBatcher, type BatchingOptions } from './micro-batcher';
import { applyEdit, applyReaction, applyReceipt, ingestPageSent } from './ingest-page-events';

export interface InboundDependencies extends Omit<IngestOptions, 'receivedAt'> {
  db: Database;
  connectors: ConnectorRegistry;
  queues: DeskQueues;
  notifier: AgentNotifier;
  /** Pushes a new thread to an agent, for teams that route (off by default). */
  routing?: ThreadRouting;
  logger: Logger;
  /** Subscribed integrations hear of new threads and messages (outbound webhooks). */
  integrations?: IntegrationEvents;
}

/**
 * Handles `inbound` jobs — messages from the public (stored once, triaged, acknowledged), the
 * Page's own messages (echoes, Page inbox replies), receipts, reactions and edits — then, after
 * the transaction has committed, queues any acknowledgement and tells every agent, emergencies
 * loudest. A job carries one event or a webhook batch of them (server/queues/inbound-jobs.ts).
 * Messages from the public are stored in batches: the jobs running at once hand theirs to one
 * batch, and each job completes once its own messages are stored and pushed.
 */
export function createInboundProcessor(dependencies: InboundDependencies, batching: BatchingOptions = { maxSize: 1, maxWaitMs: 0 }) {
  const { logger } = dependencies;
  const storeInBatch = createMicroBatcher<InboundJob>(batching, (jobs) => storeInboundMessages(dependencies, jobs));
  return async function processInbound(job: Job<unknown>): Promise<void> {
    const events = eventsOfInboundJob(job.data).flatMap((data) => {
      const parsed = platformEventSchema.safeParse(data);
      if (parsed.success) return [parsed.data];
      // An event we cannot read would fail the same way every time: log it and let it go.
      logger.error({ jobId: job.id, issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'malformed inbound event skipped');
      return [];
    });
    const applyInOrder = async (others: Array<Exclude<PlatformEvent, InboundEvent>>) => {
      for (const event of others) await applyPlatformEvent(dependencies, job, event);
    };
    // Every part settles before the job does (a retry must not overlap this run); then the first
    // failure fails the job, whose rerun finds what did get stored.
    const outcomes = await Promise.allSettled([
      ...events.filter(isInboundMessage).map((event) => storeInBatch({ job, event })),
      applyInOrder(events.filter((event): event is Exclude<PlatformEvent, InboundEvent> => !isInboundMessage(event))),
    ]);
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  };
}

interface InboundJob {
  job: Job<unknown>;
  event: InboundEvent;
}

/**
 * Stores a batch in one transaction; if that fails, each message on its own, so one bad message
 * fails only its own job. Every job's outcome, in order.
 */
async function storeInboundMessages(dependencies: InboundDependencies, jobs: InboundJob[]): Promise<Array<PromiseSettledResult<void>>> {
  let results: IngestResult[];
  try {
    results = await ingestInboundBatch(dependencies.db, jobs.map(({ event }) => event), dependencies);
  } catch (error) {
    if (jobs.length === 1) return [{ status: 'rejected', reason: error }];
    dependencies.logger.warn({ err: error, jobIds: jobs.map(({ job }) => job.id) }, 'inbound batch failed: storing its messages one by one');
    return Promise.all(
      jobs.map((job) =>
        storeInboundMessages(dependencies, [job]).then(
          ([outcome]) => outcome!,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        ),
      ),
    );
  }
  // Stored: a failure from here on fails every job of the batch, whose reruns find their messages
  // stored and push them again.
  await announceStored(dependencies, jobs, results);
  return jobs.map(() => ({ status: 'fulfilled', value: undefined }));
}

async function announceStored(dependencies: InboundDependencies, jobs: InboundJob[], results: IngestResult[]) {
  const { db, queues, notifier, logger } = dependencies;
  const stored = results.flatMap((result, index) => (result.stored ? [{ ...result, event: jobs[index]!.event }] : []));
  logger.info(
    { jobIds: jobs.map(({ job }) => job.id), stored: stored.length, newThreads: stored.filter((result) => result.isNewThread).length },
    'inbound messages stored',
  );
  // A job that ran before (its worker died, or it failed after the commit) finds its message
  // stored: that run's push may never have gone out, so agents are told again — a repeated push
  // is harmless, a lost one is not.
  const rerunMessageIds = results.flatMap((result, index) =>
    !result.stored && result.messageId && jobs[index]!.job.attemptsStarted > 1 ? [result.messageId] : [],
  );
  const autoReplyIds = stored.flatMap(({ autoReplyMessageId }) => (autoReplyMessageId ? [autoReplyMessageId] : []));
  if (autoReplyIds.length > 0) {
    await queues.outbound.addBulk(autoReplyIds.map((messageId) => ({ name: 'send-reply', data: { messageId }, opts: { jobId: `reply__${messageId}` } })));
  }
  const threadIds = [...new Set(stored.map(({ threadId }) => threadId))];
  const emergencyThreadIds = new Set(stored.filter(({ isEmergency }) => isEmergency).map(({ threadId }) => threadId));
  const messageIds = stored.flatMap(({ messageId, autoReplyMessageId }) => (autoReplyMessageId ? [messageId, autoReplyMessageId] : [messageId]));
  const [threads, messages] = await Promise.all([loadThreadSummaries(db, threadIds, true), loadMessageViews(db, messageIds)]);
  const messageById = new Map(messages.map((message) => [message.id, message]));
  const messagesInStoredOrder = messageIds.flatMap((id) => messageById.get(id) ?? []);
  // Awaited, so a job completes only once agents have been told: each thread once with its
  // state after the batch, then its messages in the order they were stored.
  await Promise.all([
    notifier.inboxChanged(threads, messagesInStoredOrder),
    ...threads.filter((thread) => emergencyThreadIds.has(thread.id)).map((thread) => notifier.emergency(thread)),
    ...rerunMessageIds.map((messageId) => pushStoredMessage(dependencies, messageId)),
  ]);
  // Agents see names, not ids: a new sender's name is asked of the platform only now, so no
  // message (an emergency least of all) waits on that call; the thread is pushed again named.
  const namedThreadIds = new Set<string>();
  await Promise.all(
    stored.map(async ({ unnamedContactId, event, threadId }) => {
      if (unnamedContactId && (await nameContact(dependencies, unnamedContactId, event))) namedThreadIds.add(threadId);
    }),
  );
  if (namedThreadIds.size > 0) await notifier.inboxChanged(await loadThreadSummaries(db, [...namedThreadIds], false), []);
  // The messages are stored and every agent told: anything else that follows a stored message goes here.
  for (const { threadId, messageId, isNewThread } of stored) dependencies.integrations?.inboundStored({ threadId, messageId, isNewThread });
  if (stored.some(({ isNewThread }) => isNewThread)) await dependencies.routing?.routeWaiting();
}

async function pushStoredMessage({ db, notifier }: InboundDependencies, messageId: string) {
  const message = await loadMessageView(db, messageId);
  if (!message) return;
  const thread = await loadThreadSummary(db, message.threadId, false);
  await (thread ? notifier.inboxChanged([thread], [message]) : notifier.messageCreated(message));
}

async function applyPlatformEvent(dependencies: InboundDependencies, job: Job<unknown>, event: Exclude<PlatformEvent, InboundEvent>) {
  const { db, notifier, logger } = dependencies;
  switch (event.kind) {
    case 'page_sent': {
      const result = await ingestPageSent(db, event);
      logger.info({ jobId: job.id, outcome: result.outcome }, 'page-sent message handled');
      if (result.outcome === 'matched_own_send') await pushUpdated(dependencies, [result.messageId]);
      if (result.outcome === 'stored') {
        const [thread, message] = await Promise.all([loadThreadSummary(db, result.threadId, false), loadMessageView(db, result.messageId)]);
        if (thread) notifier.threadUpdated(thread);
        if (message) notifier.messageCreated(message, thread);
      }
      return;
    }
    case 'receipt': {
      const changed = await applyReceipt(db, event);
      logger.debug({ jobId: job.id, receipt: event.receipt, changed: changed.length }, 'receipt applied');
      await pushUpdated(dependencies, changed);
      return;
    }
    case 'reaction':
      await pushUpdated(dependencies, [await applyReaction(db, event)]);
      return;
    case 'edit':
      await pushUpdated(dependencies, [await applyEdit(db, event)]);
      return;
  }
}

async function pushUpdated({ db, notifier }: InboundDependencies, messageIds: string[]) {
  for (const messageId of messageIds) {
    const view = await loadMessageView(db, messageId);
    if (view) notifier.messageUpdated(view);
  }
}

/** Asks the platform once for a new sender's name (a failure only costs the name): whether the contact got one. */
async function nameContact({ db, connectors, logger }: InboundDependencies, contactId: string, event: InboundEvent): Promise<boolean> {
  const lookup = connectors.find(event.channel, event.accountId)?.lookupSenderName;
  if (!lookup) return false;
  try {
    const name = await lookup(event.sender.platformUserId);
    if (!name) return false;
    const updated = await db
      .update(contacts)
      .set({ displayName: name })
      .where(and(eq(contacts.id, contactId), isNull(contacts.displayName)))
      .returning({ id: contacts.id });
    return updated.length > 0;
  } catch (error) {
    logger.warn({ err: error, contactId }, 'sender name lookup failed');
    return false;
  }
}
