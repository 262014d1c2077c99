import { markChannelUnhealthy } from '../channels/channel-health';
import type { Job } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { ConnectorError, type PollResult } from '../../connectors/connector';
import type { ChannelType } from '../../shared/constants';
import { inboundJobId } from '../../shared/inbound';
import type { ConnectorRegistry } from '../channels/connector-registry';
import type { Database } from '../db/database';
import { channels } from '../db/schema';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { reconcileOwnSends } from '../replies/reconcile-own-sends';
import { loadMessageView } from '../threads/threads.service';

export interface PollJob {
  channel: ChannelType;
  accountId: string;
}

export interface PollDependencies {
  db: Database;
  redis: Redis;
  /** Prefix of this desk's Redis keys. */
  keyPrefix: string;
  connectors: ConnectorRegistry;
  queues: Pick<DeskQueues, 'inbound'>;
  /** Tells agents of a reply the poll found sent after its send's answer was lost. */
  notifier: Pick<AgentNotifier, 'messageUpdated'>;
  logger: Logger;
}

// A tick that comes this close to the budget's "not before" runs anyway: scheduler ticks jitter.
const TICK_TOLERANCE_MS = 250;
// Longer than any poll should take; the lock only stops two overlapping runs of one channel.
const LOCK_MS = 120_000;

/**
 * One poll of one channel: read what is new since the cursor kept in the database, enqueue it
 * (job id = channel + message id, so a DM also seen by the webhook is one job), then advance the
 * cursor. The platform's rate budget can ask for a pause, kept in Redis for every worker to see.
 */
export function createPollProcessor(dependencies: PollDependencies) {
  const { db, redis, keyPrefix, connectors, queues, notifier, logger } = dependencies;

  return async function pollChannel(job: Job<PollJob>): Promise<string> {
    const { channel, accountId } = job.data;
    const poller = connectors.find(channel, accountId)?.poller;
    if (!poller) return 'not a polled channel';
    const keys = { pause: `${keyPrefix}:poll:${channel}:${accountId}:not-before`, lock: `${keyPrefix}:poll:${channel}:${accountId}:lock` };
    const notBefore = Number(await redis.get(keys.pause));
    if (notBefore > Date.now() + TICK_TOLERANCE_MS) return 'waiting for the rate budget';
    if ((await redis.set(keys.lock, String(job.id), 'PX', LOCK_MS, 'NX')) !== 'OK') return 'previous poll still running';
    const context = { jobId: job.id, channel, accountId };
    try {
      const match = and(eq(channels.type, channel), eq(channels.accountId, accountId));
      const [row] = await db.select({ id: channels.id, cursor: channels.pollCursor }).from(channels).where(match);
      if (!row) return 'channel not registered';
      let result: PollResult;
      try {
        result = await poller.poll(row.cursor);
      } catch (error) {
        await recordFailure(dependencies, row.id, keys.pause, error, context);
        return 'poll failed';
      }
      await queues.inbound.addBulk(
        result.events.map((event) => ({ name: `${channel}-message`, data: event, opts: { jobId: inboundJobId(event) } })),
      );
      const ownSends = await reconcileOwnSends(db, row.id, result.ownSends);
      for (const messageId of ownSends.matchedMessageIds) {
        const view = await loadMessageView(db, messageId);
        if (view) notifier.messageUpdated(view);
      }
      // Only now, with the events safely queued and our own sends matched, does the cursor move past them.
      await db.update(channels).set({ pollCursor: result.cursor, connectionStatus: 'connected', lastError: null }).where(eq(channels.id, row.id));
      if (result.notBefore) await redis.set(keys.pause, String(result.notBefore.getTime()), 'PXAT', result.notBefore.getTime());
      if (result.warning) logger.warn({ ...context, warning: result.warning }, 'poll incomplete');
      if (result.events.length > 0 || result.ownSends.length > 0) {
        const { known, fromElsewhere } = ownSends;
        const sends = { ownSendsMatched: known, ownSendsReconciled: ownSends.matchedMessageIds.length, ownSendsFromElsewhere: fromElsewhere };
        logger.info({ ...context, events: result.events.length, ...sends, pausedUntil: result.notBefore?.toISOString() }, 'channel polled');
      }
      return `${result.events.length} new`;
    } finally {
      await redis.del(keys.lock);
    }
  };
}

async function recordFailure(
  dependencies: PollDependencies,
  channelId: string,
  pauseKey: string,
  error: unknown,
  context: Record<string, unknown>,
): Promise<void> {
  const { db, redis, logger } = dependencies;
  const failure = error instanceof ConnectorError ? error : new ConnectorError('transient', 'Unexpected error while polling.');
  if (!(error instanceof ConnectorError)) logger.error({ ...context, err: error }, 'poll crashed');
  if (failure.kind === 'rate_limited') {
    const until = Date.now() + (failure.details.retryAfterMs ?? 60_000);
    await redis.set(pauseKey, String(until), 'PXAT', until);
    logger.warn({ ...context, pausedUntil: new Date(until).toISOString() }, 'poll rate limited');
    return;
  }
  if (failure.kind === 'permanent') {
    await markChannelUnhealthy(db, channelId, failure.reasonForAgent);
  }
  logger.warn({ ...context, kind: failure.kind, code: failure.details.platformCode }, 'poll failed');
}
