import { and, eq, inArray } from 'drizzle-orm';
import { scheduleProblem } from '../../connectors/facebook';
import type { AgentView } from '../../shared/api';
import type { BroadcastChannel, BroadcastDraft, BroadcastStatus, BroadcastWithdrawal } from '../../shared/broadcasts';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { broadcastPosts, broadcasts } from '../db/schema';
import { HttpError } from '../http/errors';
import { requireUploads } from '../uploads/uploads.service';
import { refuseBlockedPhrases } from '../policy/blocked-phrases';
import { needsApproval, type BroadcastPolicy } from './broadcast.presenter';
import { queuePublish, queueWithdrawal, type BroadcastQueue } from './broadcast-queue';

export interface BroadcastCommandDependencies {
  db: Database;
  queue: BroadcastQueue;
  policy: BroadcastPolicy;
  /** Channels the desk has an account for. */
  channels: BroadcastChannel[];
}

const SUPERVISING_ROLES = ['supervisor', 'admin'];

/** An agent drafts; nothing is posted until it is submitted (and, for some templates, approved). */
export async function draftBroadcast(deps: BroadcastCommandDependencies, actor: AgentView, draft: BroadcastDraft): Promise<string> {
  await checkDraft(deps, draft);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(broadcasts)
      .values({ ...draftColumns(draft), status: 'draft', createdById: actor.id })
      .returning({ id: broadcasts.id });
    await tx.insert(broadcastPosts).values(draft.channels.map((channel) => ({ broadcastId: row!.id, channel, status: 'draft' as const })));
    await recordAudit(tx, { action: 'broadcast.drafted', actorAgentId: actor.id, details: { broadcastId: row!.id, template: draft.template } });
    return row!.id;
  });
}

/** A draft, or one a supervisor returned, can be changed before it is submitted again. */
export async function editBroadcast(deps: BroadcastCommandDependencies, actor: AgentView, id: string, draft: BroadcastDraft): Promise<void> {
  await checkDraft(deps, draft);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(broadcasts)
      .set({ ...draftColumns(draft), status: 'draft' })
      .where(and(eq(broadcasts.id, id), inArray(broadcasts.status, ['draft', 'returned'])))
      .returning({ id: broadcasts.id });
    if (!row) throw notInState('Only a draft or a returned broadcast can be changed.');
    await tx.delete(broadcastPosts).where(eq(broadcastPosts.broadcastId, id));
    await tx.insert(broadcastPosts).values(draft.channels.map((channel) => ({ broadcastId: id, channel, status: 'draft' as const })));
    await recordAudit(tx, { action: 'broadcast.edited', actorAgentId: actor.id, details: { broadcastId: id } });
  });
}

/** Sends it for approval where its template needs one; otherwise it is approved by its author and goes out. */
export async function submitBroadcast(deps: BroadcastCommandDependencies, actor: AgentView, id: string): Promise<void> {
  const broadcast = await findBroadcast(deps.db, id);
  if (!needsApproval(deps.policy, broadcast.template, broadcast.updateOfId)) {
    await approve(deps, actor, id, ['draft', 'returned']);
    return;
  }
  await deps.db.transaction(async (tx) => {
    const moved = await moveBroadcast(tx, id, ['draft', 'returned'], { status: 'awaiting_approval', returnComment: null });
    if (!moved) throw notInState('Only a draft or a returned broadcast can be submitted.');
    await tx.update(broadcastPosts).set({ status: 'awaiting_approval', updatedAt: new Date() }).where(eq(broadcastPosts.broadcastId, id));
    await recordAudit(tx, { action: 'broadcast.submitted', actorAgentId: actor.id, details: { broadcastId: id } });
  });
}

export async function approveBroadcast(deps: BroadcastCommandDependencies, actor: AgentView, id: string): Promise<void> {
  requireSupervisor(actor, 'approve');
  const broadcast = await findBroadcast(deps.db, id);
  // Approval is a second pair of eyes: a supervisor's own appeal waits for another supervisor.
  if (broadcast.createdById === actor.id) {
    throw new HttpError(403, 'own_broadcast', 'You drafted this broadcast: another supervisor must approve it.');
  }
  await approve(deps, actor, id, ['awaiting_approval']);
}

export async function returnBroadcast(deps: BroadcastCommandDependencies, actor: AgentView, id: string, comment: string): Promise<void> {
  requireSupervisor(actor, 'return');
  await deps.db.transaction(async (tx) => {
    const moved = await moveBroadcast(tx, id, ['awaiting_approval'], { status: 'returned', returnComment: comment });
    if (!moved) throw notInState('Only a broadcast awaiting approval can be returned.');
    await tx.update(broadcastPosts).set({ status: 'draft', updatedAt: new Date() }).where(eq(broadcastPosts.broadcastId, id));
    await recordAudit(tx, { action: 'broadcast.returned', actorAgentId: actor.id, details: { broadcastId: id } });
  });
}

/** Tries a failed channel again, alone: the channels already published are left as they are. */
export async function retryChannel(deps: BroadcastCommandDependencies, actor: AgentView, id: string, channel: BroadcastChannel): Promise<void> {
  const postId = await deps.db.transaction(async (tx) => {
    const [post] = await tx
      .update(broadcastPosts)
      .set({ status: 'scheduled', failureReason: null, updatedAt: new Date() })
      .where(and(eq(broadcastPosts.broadcastId, id), eq(broadcastPosts.channel, channel), eq(broadcastPosts.status, 'failed')))
      .returning({ id: broadcastPosts.id });
    if (!post) throw notInState('Only a failed channel can be retried.');
    await recordAudit(tx, { action: 'broadcast.channel_retried', actorAgentId: actor.id, details: { broadcastId: id, channel } });
    return post.id;
  });
  // A fresh job id per retry: the failed job stays in the queue's history.
  await queuePublish(deps.queue, postId, null, Date.now());
}

/**
 * Update-and-withdraw in one action: the update ("found — thank you for sharing") is published
 * straight away on the channels the original used, and the original comes down everywhere.
 */
export async function withdrawBroadcast(
  deps: BroadcastCommandDependencies,
  actor: AgentView,
  id: string,
  withdrawal: BroadcastWithdrawal,
): Promise<{ updateId: string | null }> {
  const { db } = deps;
  const original = await findBroadcast(db, id);
  const { updateId, postsToTakeDown } = await db.transaction(async (tx) => {
    const moved = await moveBroadcast(tx, id, ['draft', 'awaiting_approval', 'returned', 'approved'], {
      status: 'withdrawn',
      withdrawnAt: new Date(),
      withdrawnById: actor.id,
    });
    if (!moved) throw notInState('This broadcast has already been withdrawn.');
    const posts = await tx.select().from(broadcastPosts).where(eq(broadcastPosts.broadcastId, id));
    // Posts never made on the platform (not yet due, failed, never approved) just stop here;
    // a publish job still queued finds them withdrawn and does nothing.
    const onPlatform = posts.filter((post) => post.postIds.length > 0 || post.status === 'publishing');
    const offPlatform = posts.filter((post) => !onPlatform.includes(post));
    if (offPlatform.length) {
      await tx
        .update(broadcastPosts)
        .set({ status: 'withdrawn', updatedAt: new Date() })
        .where(inArray(broadcastPosts.id, offPlatform.map((post) => post.id)));
    }
    await recordAudit(tx, { action: 'broadcast.withdrawn', actorAgentId: actor.id, details: { broadcastId: id, originalPosts: withdrawal.originalPosts } });
    let newId: string | null = null;
    if (withdrawal.updateText) {
      const channels = onPlatform.map((post) => post.channel);
      const [update] = await tx
        .insert(broadcasts)
        .values({
          template: original.template,
          language: original.language,
          fields: {},
          text: withdrawal.updateText,
          link: null,
          areaTags: original.areaTags,
          status: 'approved',
          createdById: actor.id,
          approvedById: actor.id,
          approvedAt: new Date(),
          updateOfId: id,
        })
        .returning({ id: broadcasts.id });
      newId = update!.id;
      if (channels.length) await tx.insert(broadcastPosts).values(channels.map((channel) => ({ broadcastId: newId!, channel, status: 'scheduled' as const })));
      await recordAudit(tx, { action: 'broadcast.update_approved', actorAgentId: actor.id, details: { broadcastId: newId, updateOf: id } });
    }
    return { updateId: newId, postsToTakeDown: onPlatform };
  });
  const editText = withdrawal.originalPosts === 'edit' ? withdrawal.updateText : null;
  for (const post of postsToTakeDown) {
    await queueWithdrawal(deps.queue, post.id, editText && post.channel === 'facebook' ? 'edit' : 'delete', editText);
  }
  if (updateId) {
    const posts = await db.select({ id: broadcastPosts.id }).from(broadcastPosts).where(eq(broadcastPosts.broadcastId, updateId));
    for (const post of posts) await queuePublish(deps.queue, post.id, null);
  }
  return { updateId };
}

async function approve(deps: BroadcastCommandDependencies, actor: AgentView, id: string, from: BroadcastStatus[]): Promise<void> {
  const posts = await deps.db.transaction(async (tx) => {
    const moved = await moveBroadcast(tx, id, from, { status: 'approved', approvedById: actor.id, approvedAt: new Date(), returnComment: null });
    if (!moved) throw notInState('This broadcast is not waiting to be approved.');
    const scheduledPosts = await tx
      .update(broadcastPosts)
      .set({ status: 'scheduled', updatedAt: new Date() })
      .where(eq(broadcastPosts.broadcastId, id))
      .returning({ id: broadcastPosts.id, channel: broadcastPosts.channel });
    await recordAudit(tx, { action: 'broadcast.approved', actorAgentId: actor.id, details: { broadcastId: id } });
    return scheduledPosts.map((post) => ({ ...post, scheduledAt: moved.scheduledAt }));
  });
  // Queued after the commit, so the worker never finds the post still in its old state.
  for (const post of posts) {
    // Facebook schedules a post itself when it is 10 minutes to 30 days ahead (§4): send it now, marked for later.
    const isFacebookSchedule = post.channel === 'facebook' && post.scheduledAt !== null && scheduleProblem(post.scheduledAt, new Date()) === null;
    await queuePublish(deps.queue, post.id, isFacebookSchedule ? null : post.scheduledAt);
  }
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function moveBroadcast(tx: Tx, id: string, from: BroadcastStatus[], set: Partial<typeof broadcasts.$inferInsert>) {
  const [row] = await tx
    .update(broadcasts)
    .set(set)
    .where(and(eq(broadcasts.id, id), inArray(broadcasts.status, from)))
    .returning({ id: broadcasts.id, scheduledAt: broadcasts.scheduledAt });
  return row ?? null;
}

async function findBroadcast(db: Database, id: string) {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
  if (!row) throw new HttpError(404, 'broadcast_not_found', 'No such broadcast.');
  return row;
}

function draftColumns(draft: BroadcastDraft) {
  return {
    template: draft.template,
    language: draft.language,
    fields: draft.fields,
    text: draft.text,
    link: draft.link,
    images: draft.images,
    areaTags: draft.areaTags,
    scheduledAt: draft.scheduledAt ? new Date(draft.scheduledAt) : null,
  };
}

async function checkDraft(deps: BroadcastCommandDependencies, draft: BroadcastDraft): Promise<void> {
  refuseBlockedPhrases(draft.text, deps.policy.blockedPhrases);
  await requireUploads(deps.db, draft.images.map((image) => image.uploadId));
  const unknownArea = draft.areaTags.find((tag) => !deps.policy.areaTags.includes(tag));
  if (unknownArea) throw new HttpError(400, 'invalid_request', `areaTags: "${unknownArea}" is not one of the configured areas.`);
  const missingChannel = draft.channels.find((channel) => !deps.channels.includes(channel));
  if (missingChannel) throw new HttpError(400, 'invalid_request', `channels: the desk has no ${missingChannel} account.`);
  if (draft.scheduledAt && new Date(draft.scheduledAt).getTime() <= Date.now()) {
    throw new HttpError(400, 'invalid_request', 'scheduledAt: choose a time in the future, or publish now.');
  }
}

function requireSupervisor(actor: AgentView, verb: string): void {
  if (!SUPERVISING_ROLES.includes(actor.role)) throw new HttpError(403, 'supervisor_only', `Only a supervisor can ${verb} a broadcast.`);
}

function notInState(message: string): HttpError {
  return new HttpError(409, 'broadcast_not_in_state', message);
}
