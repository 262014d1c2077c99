import { and, arrayContains, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { APPEAL_TEMPLATES, BROADCAST_CHANNELS, type BroadcastTemplate, type BroadcastView } from '../../shared/broadcasts';
import { uploadUrl } from '../../shared/media';
import type { Database } from '../db/database';
import { agents, broadcastPosts, broadcasts } from '../db/schema';

export interface BroadcastPolicy {
  areaTags: string[];
  templatesNeedingApproval: BroadcastTemplate[];
  reminderAfterHours: number;
  blockedPhrases: string[];
}

const approvers = alias(agents, 'approvers');

/** Broadcasts as the API and the socket show them, newest first. */
export async function loadBroadcastViews(
  db: Database,
  policy: BroadcastPolicy,
  filter: { ids?: string[]; areaTag?: string } = {},
  now = new Date(),
): Promise<BroadcastView[]> {
  const conditions: SQL[] = [];
  if (filter.ids) conditions.push(inArray(broadcasts.id, filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']));
  if (filter.areaTag) conditions.push(arrayContains(broadcasts.areaTags, [filter.areaTag]));
  const rows = await db
    .select({ broadcast: broadcasts, creatorName: agents.name, approverName: approvers.name })
    .from(broadcasts)
    .innerJoin(agents, eq(agents.id, broadcasts.createdById))
    .leftJoin(approvers, eq(approvers.id, broadcasts.approvedById))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(broadcasts.createdAt))
    .limit(200);
  if (rows.length === 0) return [];
  const posts = await db
    .select()
    .from(broadcastPosts)
    .where(inArray(broadcastPosts.broadcastId, rows.map((row) => row.broadcast.id)));
  return rows.map(({ broadcast, creatorName, approverName }) => {
    const channels = posts
      .filter((post) => post.broadcastId === broadcast.id)
      .sort((a, b) => BROADCAST_CHANNELS.indexOf(a.channel) - BROADCAST_CHANNELS.indexOf(b.channel));
    const firstPublishedAt = channels.map((post) => post.publishedAt?.getTime() ?? Infinity).reduce((a, b) => Math.min(a, b), Infinity);
    const isStale =
      APPEAL_TEMPLATES.includes(broadcast.template) &&
      broadcast.status !== 'withdrawn' &&
      Number.isFinite(firstPublishedAt) &&
      now.getTime() - firstPublishedAt > policy.reminderAfterHours * 3600_000;
    return {
      id: broadcast.id,
      template: broadcast.template,
      language: broadcast.language,
      fields: broadcast.fields,
      text: broadcast.text,
      link: broadcast.link,
      images: broadcast.images.map((image) => ({ ...image, url: uploadUrl(image.uploadId) })),
      areaTags: broadcast.areaTags,
      status: broadcast.status,
      scheduledAt: broadcast.scheduledAt?.toISOString() ?? null,
      needsApproval: needsApproval(policy, broadcast.template, broadcast.updateOfId),
      createdBy: { id: broadcast.createdById, name: creatorName },
      approvedBy: broadcast.approvedById && approverName ? { id: broadcast.approvedById, name: approverName } : null,
      returnComment: broadcast.returnComment,
      updateOfId: broadcast.updateOfId,
      withdrawnAt: broadcast.withdrawnAt?.toISOString() ?? null,
      isStale,
      createdAt: broadcast.createdAt.toISOString(),
      channels: channels.map((post) => ({
        channel: post.channel,
        status: post.status,
        permalink: post.permalink,
        failureReason: post.failureReason,
        postIds: post.postIds,
        publishedAt: post.publishedAt?.toISOString() ?? null,
      })),
    };
  });
}

export async function loadBroadcastView(db: Database, policy: BroadcastPolicy, id: string): Promise<BroadcastView | null> {
  const [view] = await loadBroadcastViews(db, policy, { ids: [id] });
  return view ?? null;
}

/** The configured templates need a supervisor; an update withdrawing an appeal ("found, thank you") does not. */
export function needsApproval(policy: BroadcastPolicy, template: BroadcastTemplate, updateOfId: string | null): boolean {
  return updateOfId === null && policy.templatesNeedingApproval.includes(template);
}
