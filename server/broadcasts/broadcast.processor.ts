import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ConnectorError, type ImageFile } from '../../connectors/connector';
import { loadUpload } from '../uploads/uploads.service';
import { scheduleProblem } from '../../connectors/facebook';
import { splitIntoThread } from '../../shared/x-thread';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { broadcastPosts, broadcasts } from '../db/schema';
import type { Logger } from '../logger';
import type { BroadcastConnectors } from './broadcast-channels';
import type { BroadcastNotifier } from './broadcast-notifier';
import { loadBroadcastView, type BroadcastPolicy } from './broadcast.presenter';
import { queuePublish, type BroadcastJob, type BroadcastQueue } from './broadcast-queue';
import type { IntegrationEvents } from '../integrations/integration-events';

export interface BroadcastProcessorDependencies {
  db: Database;
  queue: BroadcastQueue;
  connectors: BroadcastConnectors;
  notifier: BroadcastNotifier;
  policy: BroadcastPolicy;
  logger: Logger;
  /** Subscribed integrations hear of each channel's post going out (outbound webhooks). */
  integrations?: IntegrationEvents;
}

type PostRow = typeof broadcastPosts.$inferSelect;
type BroadcastRow = typeof broadcasts.$inferSelect;

/**
 * Handles `publish` and `withdraw` jobs of the "broadcasts" queue, one channel's post each. A
 * post is claimed (scheduled → publishing) before anything is sent, so a second job for it
 * finds nothing to do: nothing is posted twice. Transient errors retry with backoff; a
 * permanent one, or the last attempt, marks the channel failed with the reason.
 */
export function createBroadcastProcessor(deps: BroadcastProcessorDependencies) {
  const { db, logger } = deps;

  const publish = async (job: Job<BroadcastJob>, post: PostRow, broadcast: BroadcastRow) => {
    const [claimed] = await db
      .update(broadcastPosts)
      // The attempt marker is set before the platform is called and kept until the post is
      // known: a later attempt then asks the platform what happened since, before posting.
      .set({ status: 'publishing', attemptStartedAt: sql`coalesce(${broadcastPosts.attemptStartedAt}, now())`, updatedAt: new Date() })
      .where(and(eq(broadcastPosts.id, post.id), inArray(broadcastPosts.status, ['scheduled', 'publishing'])))
      .returning();
    if (!claimed || broadcast.status !== 'approved') {
      logger.info({ jobId: job.id, broadcastPostId: post.id, status: post.status }, 'broadcast post not due for publishing');
      return;
    }
    await notify(deps, broadcast.id);
    // The marker as it was before this attempt: set means an earlier attempt may have posted.
    if (claimed.channel === 'facebook') await publishToFacebook(deps, job, claimed, broadcast, post.attemptStartedAt);
    else await publishToX(deps, job, claimed, broadcast, post.attemptStartedAt);
  };

  const withdraw = async (job: Job<BroadcastJob & { action: 'withdraw' }>, post: PostRow) => {
    if (post.status === 'withdrawn') return;
    // Still being published: try again once it is on the platform, so it can be taken down.
    if (post.status === 'publishing') throw new Error('broadcast post still publishing; withdrawing it next attempt');
    if (post.channel === 'facebook') {
      const facebook = requireConnector(deps.connectors.facebook, 'Facebook');
      for (const postId of post.postIds) {
        if (job.data.mode === 'edit' && job.data.editText) await facebook.editPost(postId, job.data.editText);
        else await facebook.deletePost(postId);
      }
    } else {
      const twitter = requireConnector(deps.connectors.twitter, 'X');
      // Last part first, so a half-done withdrawal never leaves a thread without its opening post.
      for (const postId of [...post.postIds].reverse()) await twitter.deletePost(postId);
    }
    await db.update(broadcastPosts).set({ status: 'withdrawn', failureReason: null, updatedAt: new Date() }).where(eq(broadcastPosts.id, post.id));
    await recordAudit(db, { action: 'broadcast.channel_withdrawn', details: { broadcastId: post.broadcastId, channel: post.channel, mode: job.data.mode } });
    await notify(deps, post.broadcastId);
  };

  return async function processBroadcastJob(job: Job<BroadcastJob>, token?: string): Promise<void> {
    const [row] = await db
      .select({ post: broadcastPosts, broadcast: broadcasts })
      .from(broadcastPosts)
      .innerJoin(broadcasts, eq(broadcasts.id, broadcastPosts.broadcastId))
      .where(eq(broadcastPosts.id, job.data.broadcastPostId));
    if (!row) {
      logger.warn({ jobId: job.id, broadcastPostId: job.data.broadcastPostId }, 'broadcast post no longer exists');
      return;
    }
    try {
      if (job.data.action === 'publish') await publish(job, row.post, row.broadcast);
      else await withdraw(job as Job<BroadcastJob & { action: 'withdraw' }>, row.post);
    } catch (error) {
      await handleFailure(deps, job, row.post, error, token);
    }
  };
}

async function publishToFacebook(
  deps: BroadcastProcessorDependencies,
  job: Job<BroadcastJob>,
  post: PostRow,
  broadcast: BroadcastRow,
  earlierAttemptAt: Date | null,
) {
  const facebook = requireConnector(deps.connectors.facebook, 'Facebook');
  const scheduledAt = broadcast.scheduledAt;
  // Already on Facebook's own schedule: its time has come, so Facebook has published it.
  if (post.postIds.length > 0) {
    await markPublished(deps, post, post.permalink ?? '', post.postIds);
    return;
  }
  const isFacebookSchedule = scheduledAt !== null && scheduleProblem(scheduledAt, new Date()) === null;
  // An earlier attempt called Facebook but never recorded the answer (the worker crashed, or the
  // connection dropped after Facebook took the post): adopt the post it made instead of posting twice.
  // (Matched on the exact text since that attempt began: a different post with the very same words in
  // that window would be taken for ours, which is the safer mistake for an appeal.)
  const earlier = earlierAttemptAt ? await facebook.findRecentPost(broadcast.text, earlierAttemptAt, scheduledAt !== null) : null;
  if (earlier) await recordAdopted(deps, job, post, earlier.postId);
  const published =
    earlier ??
    (await facebook.publish({
      text: broadcast.text,
      ...(broadcast.link ? { link: broadcast.link } : {}),
      ...(isFacebookSchedule ? { scheduledAt } : {}),
      images: await loadBroadcastImages(deps, broadcast),
    }));
  if (!isFacebookSchedule) {
    await markPublished(deps, post, published.permalink, [published.postId]);
    return;
  }
  await deps.db
    .update(broadcastPosts)
    .set({ status: 'scheduled', postIds: [published.postId], permalink: published.permalink, updatedAt: new Date() })
    .where(eq(broadcastPosts.id, post.id));
  await recordAudit(deps.db, { action: 'broadcast.channel_scheduled', details: { broadcastId: broadcast.id, channel: 'facebook', postId: published.postId } });
  // Marks it published on the desk when Facebook does.
  await queuePublish(deps.queue, post.id, scheduledAt, `fb-${String(job.id)}`);
  await notify(deps, broadcast.id);
}

async function publishToX(deps: BroadcastProcessorDependencies, job: Job<BroadcastJob>, post: PostRow, broadcast: BroadcastRow, earlierAttemptAt: Date | null) {
  const twitter = requireConnector(deps.connectors.twitter, 'X');
  const parts = splitIntoThread(broadcast.link ? `${broadcast.text} ${broadcast.link}` : broadcast.text);
  // Images ride on the opening post: a thread resuming at a later part needs none of them.
  const images = post.postIds.length === 0 ? await loadBroadcastImages(deps, broadcast) : [];
  const thread = await twitter.publish(
    parts,
    post.postIds,
    async (_index, postId) => {
      // Each part's id is kept as soon as X has it, so a thread that fails part-way resumes there.
      await deps.db
        .update(broadcastPosts)
        .set({ postIds: sql`array_append(${broadcastPosts.postIds}, ${postId})`, updatedAt: new Date() })
        .where(eq(broadcastPosts.id, post.id));
    },
    images,
    {
      // Set by the claim; the first attempt's time, kept across retries.
      attemptStartedAt: post.attemptStartedAt ?? new Date(),
      // An earlier attempt called X but never recorded the answer for the part in flight: it is
      // looked for on the account's timeline (same words, replying to the part before) first.
      wasInterrupted: earlierAttemptAt !== null,
      onPartAdopted: (_index, postId) => recordAdopted(deps, job, post, postId),
    },
  );
  await markPublished(deps, post, thread.permalink, thread.postIds);
}

/** A post an earlier attempt made, found on the platform and kept instead of posting it twice. */
async function recordAdopted(deps: BroadcastProcessorDependencies, job: Job<BroadcastJob>, post: PostRow, postId: string) {
  deps.logger.info({ jobId: job.id, broadcastPostId: post.id, channel: post.channel, postId }, 'adopted a post made by an earlier attempt');
  await recordAudit(deps.db, { action: 'broadcast.channel_reconciled', details: { broadcastId: post.broadcastId, channel: post.channel, postId } });
}

async function loadBroadcastImages(deps: BroadcastProcessorDependencies, broadcast: BroadcastRow): Promise<ImageFile[]> {
  const images: ImageFile[] = [];
  for (const image of broadcast.images) {
    const stored = await loadUpload(deps.db, image.uploadId);
    if (!stored) throw new ConnectorError('permanent', 'An image of this broadcast is no longer on the desk: edit it and attach the image again.');
    images.push({ data: stored.data, contentType: stored.contentType, altText: image.altText });
  }
  return images;
}

async function markPublished(deps: BroadcastProcessorDependencies, post: PostRow, permalink: string, postIds: string[]) {
  await deps.db
    .update(broadcastPosts)
    .set({ status: 'published', postIds, permalink, failureReason: null, publishedAt: new Date(), updatedAt: new Date() })
    .where(eq(broadcastPosts.id, post.id));
  await recordAudit(deps.db, { action: 'broadcast.channel_published', details: { broadcastId: post.broadcastId, channel: post.channel, postIds } });
  await notify(deps, post.broadcastId);
  deps.integrations?.broadcastPublished(post.id);
}

async function handleFailure(deps: BroadcastProcessorDependencies, job: Job<BroadcastJob>, post: PostRow, error: unknown, token?: string) {
  const isPermanent = error instanceof ConnectorError && error.kind === 'permanent';
  const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const reason = error instanceof ConnectorError ? error.reasonForAgent : 'Something went wrong; it has been logged.';
  deps.logger.warn({ jobId: job.id, broadcastPostId: post.id, channel: post.channel, err: error, isPermanent }, 'broadcast job failed');
  if (error instanceof ConnectorError && error.kind === 'rate_limited' && token) {
    // Waits for the platform's reset without spending an attempt (X: 100 posts / 15 min, §7).
    await deps.db.update(broadcastPosts).set({ failureReason: reason, updatedAt: new Date() }).where(eq(broadcastPosts.id, post.id));
    await notify(deps, post.broadcastId);
    await job.moveToDelayed(Date.now() + (error.details.retryAfterMs ?? 60_000), token);
    throw new DelayedError();
  }
  if (!isPermanent && !isLastAttempt) {
    await deps.db.update(broadcastPosts).set({ failureReason: reason, updatedAt: new Date() }).where(eq(broadcastPosts.id, post.id));
    await notify(deps, post.broadcastId);
    throw error;
  }
  if (job.data.action === 'publish') {
    await deps.db.update(broadcastPosts).set({ status: 'failed', failureReason: reason, updatedAt: new Date() }).where(eq(broadcastPosts.id, post.id));
    await recordAudit(deps.db, { action: 'broadcast.channel_failed', details: { broadcastId: post.broadcastId, channel: post.channel, reason } });
  } else {
    await deps.db.update(broadcastPosts).set({ failureReason: `Could not take it down: ${reason}`, updatedAt: new Date() }).where(eq(broadcastPosts.id, post.id));
    await recordAudit(deps.db, { action: 'broadcast.channel_withdrawal_failed', details: { broadcastId: post.broadcastId, channel: post.channel, reason } });
  }
  await notify(deps, post.broadcastId);
  throw new UnrecoverableError(reason);
}

async function notify(deps: BroadcastProcessorDependencies, broadcastId: string) {
  const view = await loadBroadcastView(deps.db, deps.policy, broadcastId);
  if (view) deps.notifier.broadcastUpdated(view);
}

function requireConnector<T>(connector: T | null, name: string): T {
  if (!connector) throw new ConnectorError('permanent', `The desk has no ${name} account configured.`);
  return connector;
}
