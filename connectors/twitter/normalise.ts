import { z } from 'zod';
import type { Attachment, InboundEvent } from '../../shared/inbound';
import type { OwnSend } from '../connector';

// X ids are snowflakes past 2^53: compared as BigInt, never Number (contracts/platforms.md §5).
export function compareSnowflakes(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left === right ? 0 : left < right ? -1 : 1;
}

/**
 * Whether two texts are the same words as X compares them: X hands text back NFC-normalised,
 * with links rewritten to t.co (contracts/platforms.md §7) and its own whitespace; so links are
 * compared as "a link" and runs of whitespace as one space. Used to recognise our own sends.
 */
export function isSameXText(a: string, b: string): boolean {
  const canonical = (text: string) => text.normalize('NFC').replace(/https?:\/\/\S+/gu, '<link>').replace(/\s+/gu, ' ').trim();
  return canonical(a) === canonical(b);
}

export function newestSnowflake(ids: Iterable<string>, start: string | null = null): string | null {
  let newest = start;
  for (const id of ids) if (newest === null || compareSnowflakes(id, newest) > 0) newest = id;
  return newest;
}

/** A 1:1 DM conversation's id, `{smaller}-{larger}`, as /2/dm_events gives it (§5). */
export function oneToOneConversationId(a: string, b: string): string {
  return compareSnowflakes(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`;
}

export interface NormalisedDms {
  /** Messages from members of the public. */
  events: InboundEvent[];
  /** The account's own sends (our replies, or typed in X's own app): never new inbound messages. */
  ownSends: OwnSend[];
  /** Well-formed events we do not handle, by kind, for the log. */
  skipped: string[];
}

export class MalformedActivityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedActivityError';
  }
}

const snowflakeSchema = z.string().regex(/^\d+$/);

const activitySchema = z.looseObject({
  for_user_id: snowflakeSchema.optional(),
  direct_message_events: z.array(z.unknown()).optional(),
  users: z.record(z.string(), z.unknown()).optional(),
  apps: z.record(z.string(), z.unknown()).optional(),
});

const messageCreateSchema = z.looseObject({
  type: z.literal('message_create'),
  id: snowflakeSchema,
  // A string of milliseconds (§11).
  created_timestamp: z.string().regex(/^\d+$/),
  message_create: z.looseObject({
    target: z.looseObject({ recipient_id: snowflakeSchema }),
    sender_id: snowflakeSchema,
    message_data: z.looseObject({
      text: z.string().default(''),
      attachment: z
        .looseObject({
          type: z.string(),
          // `media.id` is a lossy float; only `id_str` is exact (§11).
          media: z.looseObject({ id_str: z.string().optional(), media_url_https: z.string().optional(), type: z.string().optional() }).optional(),
        })
        .optional(),
    }),
  }),
});

const userSchema = z.looseObject({ name: z.string().optional(), screen_name: z.string().optional() });

const OTHER_ACTIVITY_KEYS = [
  'direct_message_indicate_typing_events',
  'direct_message_mark_read_events',
  'tweet_create_events',
  'favorite_events',
  'follow_events',
  'user_event',
];

/** Turns an Account Activity POST body into inbound DMs; throws MalformedActivityError on a bad envelope. */
export function normaliseAccountActivity(payload: unknown, accountId: string): NormalisedDms {
  const parsed = activitySchema.safeParse(payload);
  if (!parsed.success) throw new MalformedActivityError('Not an Account Activity body');
  const activity = parsed.data;
  const result: NormalisedDms = { events: [], ownSends: [], skipped: [] };
  for (const key of OTHER_ACTIVITY_KEYS) if (key in activity) result.skipped.push(key);
  // The revoke event has no for_user_id (§11); other accounts' activity is not ours to store.
  if (activity.for_user_id !== accountId) {
    if (activity.direct_message_events?.length) result.skipped.push('another account');
    return result;
  }
  for (const item of activity.direct_message_events ?? []) {
    const event = messageCreateSchema.safeParse(item);
    if (!event.success) {
      result.skipped.push('unreadable direct message event');
      continue;
    }
    const { id, created_timestamp: createdMs, message_create: create } = event.data;
    const media = create.message_data.attachment?.media;
    const sentAt = new Date(Number(createdMs)).toISOString();
    const platformConversationId = oneToOneConversationId(create.sender_id, create.target.recipient_id);
    if (create.sender_id === accountId) {
      const mediaIds = media?.id_str ? [media.id_str] : [];
      result.ownSends.push({ platformMessageId: id, platformConversationId, text: create.message_data.text, mediaIds, sentAt });
      continue;
    }
    const sender = lookUpUser(activity, create.sender_id);
    result.events.push({
      channel: 'twitter',
      accountId,
      platformMessageId: id,
      platformConversationId,
      sender: { platformUserId: create.sender_id, displayName: sender.name ?? null, handle: sender.screen_name ?? null },
      text: create.message_data.text,
      attachments: media ? [{ type: media.type ?? 'media', url: media.media_url_https ?? null }] : [],
      sentAt,
    });
  }
  return result;
}

/** `users` by id; the documentation's own example puts them under `apps` instead (§11). */
function lookUpUser(activity: z.infer<typeof activitySchema>, userId: string): z.infer<typeof userSchema> {
  for (const source of [activity.users, activity.apps]) {
    const user = userSchema.safeParse(source?.[userId]);
    if (user.success) return user.data;
  }
  return {};
}

export interface DmEventPage {
  events: ReadonlyArray<{
    id: string;
    event_type: string;
    text?: string;
    sender_id?: string;
    dm_conversation_id?: string;
    created_at?: string;
    attachments?: { media_keys?: string[] };
  }>;
  users: ReadonlyArray<{ id: string; name?: string; username?: string }>;
  media: ReadonlyArray<{ media_key: string; type: string; url?: string; preview_image_url?: string }>;
}

/** Turns /2/dm_events results into inbound DMs (§5); `receivedAt` stands in for a missing created_at. */
export function normaliseDmEvents(page: DmEventPage, accountId: string, receivedAt = new Date()): NormalisedDms {
  const result: NormalisedDms = { events: [], ownSends: [], skipped: [] };
  const users = new Map(page.users.map((user) => [user.id, user]));
  const media = new Map(page.media.map((item) => [item.media_key, item]));
  for (const event of page.events) {
    if (event.event_type !== 'MessageCreate') {
      result.skipped.push(event.event_type);
      continue;
    }
    if (!event.sender_id || !event.dm_conversation_id) {
      result.skipped.push('event without sender or conversation (dm_event.fields missing?)');
      continue;
    }
    const sentAt = (event.created_at ? new Date(event.created_at) : receivedAt).toISOString();
    if (event.sender_id === accountId) {
      const mediaIds = (event.attachments?.media_keys ?? []).map(mediaIdOfKey);
      result.ownSends.push({ platformMessageId: event.id, platformConversationId: event.dm_conversation_id, text: event.text ?? '', mediaIds, sentAt });
      continue;
    }
    const sender = users.get(event.sender_id);
    result.events.push({
      channel: 'twitter',
      accountId,
      platformMessageId: event.id,
      platformConversationId: event.dm_conversation_id,
      sender: { platformUserId: event.sender_id, displayName: sender?.name ?? null, handle: sender?.username ?? null },
      text: event.text ?? '',
      attachments: (event.attachments?.media_keys ?? []).map((key): Attachment => {
        const item = media.get(key);
        return { type: item?.type ?? 'media', url: item?.url ?? item?.preview_image_url ?? null };
      }),
      sentAt,
    });
  }
  return result;
}

/** A v2 media key is `{type}_{media id}` (`3_1146654567674912769` for a photo). */
function mediaIdOfKey(mediaKey: string): string {
  return mediaKey.slice(mediaKey.indexOf('_') + 1);
}
