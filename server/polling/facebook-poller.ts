import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import { ConnectorError } from '../../connectors/connector';
import type { MessengerPlatformConnector } from '../../connectors/facebook';
import { platformEventJobId } from '../../shared/inbound';
import { markChannelConnected, markChannelUnhealthy } from '../channels/channel-health';
import type { FacebookConfig } from '../config';
import type { Database } from '../db/database';
import { channels } from '../db/schema';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';

export const FACEBOOK_POLL_QUEUE = 'facebook-poll';
/** A first run reads back as far as the HUMAN_AGENT window: older DMs cannot be answered anyway. */
const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

export interface FacebookPollJob {
  /** The Page id, or the linked Instagram account's id. */
  accountId: string;
}

export interface FacebookPollerDependencies {
  db: Database;
  queues: DeskQueues;
  connector: MessengerPlatformConnector;
  config: Pick<FacebookConfig, 'pollIntervalMs' | 'pollOverlapMs'>;
  logger: Logger;
}

/**
 * Catch-up polling of the Conversations API (contracts/platforms.md §3) as a BullMQ job scheduler
 * per Page: however many workers run, one poll of a Page runs at a time. The high-water mark
 * lives in `channels.poll_cursor` and moves only after the run's events are enqueued, so a crash
 * mid-run reads the same conversations again (the inbound job ids and ingest dedupe them).
 */
export async function startFacebookPoller(connection: ConnectionOptions, prefix: string, dependencies: FacebookPollerDependencies) {
  const { connector, config, logger } = dependencies;
  const queue = new Queue<FacebookPollJob>(FACEBOOK_POLL_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  });
  await queue.upsertJobScheduler(
    `${connector.channel}-poll__${connector.accountId}`,
    { every: config.pollIntervalMs },
    { name: `${connector.channel}-poll`, data: { accountId: connector.accountId } },
  );
  const worker = new Worker<FacebookPollJob>(FACEBOOK_POLL_QUEUE, (job) => pollFacebookPage(dependencies, job), {
    connection,
    prefix,
    concurrency: 1,
  });
  worker.on('failed', (job, error) => logger.warn({ queue: FACEBOOK_POLL_QUEUE, jobId: job?.id, err: error }, 'facebook poll failed'));
  worker.on('error', (error) => logger.error({ queue: FACEBOOK_POLL_QUEUE, err: error }, 'facebook poll worker error'));
  return {
    queue,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}

/** One run: read what changed since the mark, enqueue it, then move the mark. */
export async function pollFacebookPage(dependencies: FacebookPollerDependencies, job: Pick<Job<FacebookPollJob>, 'id'>): Promise<void> {
  const { db, queues, connector, config, logger } = dependencies;
  const match = and(eq(channels.type, connector.channel), eq(channels.accountId, connector.accountId));
  const [channel] = await db.select({ id: channels.id, pollCursor: channels.pollCursor }).from(channels).where(match);
  if (!channel) throw new Error(`No channel row for ${connector.channel} account ${connector.accountId}`);
  const mark = channel.pollCursor ? Date.parse(channel.pollCursor) : null;

  let result;
  try {
    result = await connector.poll({
      highWaterMark: mark,
      overlapMs: config.pollOverlapMs,
      firstRunLookbackMs: FIRST_RUN_LOOKBACK_MS,
      now: Date.now(),
    });
  } catch (error) {
    if (error instanceof ConnectorError && error.details.isChannelProblem) {
      await markChannelUnhealthy(db, channel.id, error.reasonForAgent);
    }
    // Rate limits and transient failures: the scheduler runs the next poll anyway.
    throw error;
  }
  await markChannelConnected(db, channel.id);
  await queues.inbound.addBulk(
    result.events.map((event) => ({ name: `${connector.channel}-${event.kind ?? 'message'}`, data: event, opts: { jobId: platformEventJobId(event) } })),
  );
  if (result.highWaterMark !== null && (mark === null || result.highWaterMark > mark)) {
    await db.update(channels).set({ pollCursor: new Date(result.highWaterMark).toISOString() }).where(eq(channels.id, channel.id));
  }
  if (result.conversationsAtCap > 0) {
    logger.warn({ jobId: job.id, channel: connector.channel, conversations: result.conversationsAtCap }, 'catch-up poll hit the 20-message cap: older messages may be missing');
  }
  logger.info({ jobId: job.id, channel: connector.channel, conversations: result.conversationsRead, events: result.events.length }, 'catch-up poll done');
}
