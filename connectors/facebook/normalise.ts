import { z } from 'zod';
import type { Attachment, PlatformEvent } from '../../shared/inbound';

// Lenient shapes: Meta adds fields freely, and ids and timestamps arrive as numbers or strings
// (contracts/platforms.md §11). Anything we cannot read is reported as skipped, never thrown.
const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
const timestampSchema = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const envelopeSchema = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: idSchema,
      time: timestampSchema.optional(),
      messaging: z.array(z.unknown()).optional(),
      standby: z.array(z.unknown()).optional(),
    }),
  ),
});

const attachmentsSchema = z
  .array(z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()).nullable().optional() }))
  .optional();

const messageSchema = z.object({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  is_deleted: z.boolean().optional(),
  is_unsupported: z.boolean().optional(),
  metadata: z.string().optional(),
  attachments: attachmentsSchema,
  quick_reply: z.object({ payload: z.string() }).optional(),
  reply_to: z.object({ mid: z.string().min(1).optional() }).optional(),
});

const messagingItemSchema = z.object({
  sender: z.object({ id: idSchema }),
  recipient: z.object({ id: idSchema }),
  timestamp: timestampSchema.optional(),
  message: messageSchema.optional(),
  postback: z.object({ mid: z.string().optional(), title: z.string().optional(), payload: z.string().optional() }).optional(),
  // Messenger reads carry a watermark; Instagram's name the message read (§9).
  read: z.object({ watermark: timestampSchema.optional(), mid: z.string().optional() }).optional(),
  delivery: z.object({ watermark: timestampSchema, mids: z.array(z.string()).optional() }).optional(),
  reaction: z
    .object({
      mid: z.string().min(1),
      action: z.enum(['react', 'unreact']),
      emoji: z.string().optional(),
      reaction: z.string().optional(),
    })
    .optional(),
  message_edit: z.object({ mid: z.string().min(1), text: z.string().optional(), num_edit: z.number().int().min(1) }).optional(),
});
type MessagingItem = z.infer<typeof messagingItemSchema>;

export class MalformedWebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedWebhookError';
  }
}

export interface NormalisedWebhook {
  events: PlatformEvent[];
  /** Well-formed events we do not handle, by kind, for the log. */
  skipped: string[];
}

/** Prefix of the Send API `metadata` we attach, so an echo names the desk message it came from. */
export const DESK_METADATA_PREFIX = 'social-desk:';

/** Turns a Messenger webhook body into platform events; throws MalformedWebhookError on a bad envelope. */
export function normaliseWebhook(payload: unknown): NormalisedWebhook {
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) throw new MalformedWebhookError('Not a Messenger webhook envelope');
  const channel = CHANNEL_OF_OBJECT[envelope.data.object];
  if (!channel) throw new MalformedWebhookError(`Unsupported object "${envelope.data.object}"`);

  const result: NormalisedWebhook = { events: [], skipped: [] };
  for (const entry of envelope.data.entry) {
    const pageId = entry.id;
    // Messenger documents one event per `messaging` array, but batches happen: loop anyway.
    // `standby[]` carries the same events while another app owns the thread (handover protocol):
    // the desk still records what the public wrote.
    for (const item of [...(entry.messaging ?? []), ...(entry.standby ?? [])]) {
      const event = toPlatformEvent(channel, pageId, item, entry.time);
      if (typeof event === 'string') result.skipped.push(event);
      else result.events.push(event);
    }
  }
  return result;
}

// §9: Instagram DMs come through the same Messenger Platform webhook, `entry[].id` being the
// Instagram professional account and `sender`/`recipient` IGSIDs.
const CHANNEL_OF_OBJECT: Record<string, 'facebook' | 'instagram'> = { page: 'facebook', instagram: 'instagram' };

function toPlatformEvent(channel: Channel, pageId: string, item: unknown, entryTime: number | undefined): PlatformEvent | string {
  const parsed = messagingItemSchema.safeParse(item);
  if (!parsed.success) return describeKind(item, 'unreadable');
  const data = parsed.data;
  const isFromPage = data.sender.id === pageId;
  // The person's PSID names the conversation whichever way the event goes.
  const psid = isFromPage ? data.recipient.id : data.sender.id;
  const base = { channel, accountId: pageId, platformConversationId: psid };
  // Delivery receipts carry no `timestamp` (§11): fall back to the entry's time, then to now.
  const at = new Date(asMilliseconds(data.timestamp ?? entryTime ?? Date.now())).toISOString();

  if (data.message?.is_deleted) return 'deleted message';
  if (data.message?.is_echo) return pageSent(base, data, data.message, at);
  if (data.message) return inboundMessage(base, data, data.message, at);
  if (data.postback) {
    const title = data.postback.title ?? '';
    return {
      ...base,
      kind: 'message',
      // Postbacks from older clients carry no mid: sender and time identify the tap.
      platformMessageId: data.postback.mid ?? `postback.${psid}.${Date.parse(at)}`,
      sender: { platformUserId: psid, displayName: null, handle: null },
      text: title,
      attachments: [],
      sentAt: at,
      interaction: { type: 'postback', payload: data.postback.payload ?? '' },
    };
  }
  if (data.read) {
    const watermark = data.read.watermark ?? data.timestamp ?? entryTime ?? Date.now();
    return receipt(base, 'read', watermark, data.read.mid ? [data.read.mid] : []);
  }
  if (data.delivery) return receipt(base, 'delivered', data.delivery.watermark, data.delivery.mids ?? []);
  if (data.reaction) {
    return {
      ...base,
      kind: 'reaction',
      platformMessageId: data.reaction.mid,
      byPlatformUserId: data.sender.id,
      action: data.reaction.action,
      emoji: data.reaction.emoji ?? null,
      reaction: data.reaction.reaction ?? null,
      at,
    };
  }
  if (data.message_edit) {
    return {
      ...base,
      kind: 'edit',
      platformMessageId: data.message_edit.mid,
      text: data.message_edit.text ?? '',
      editCount: data.message_edit.num_edit,
    };
  }
  return describeKind(item, 'unknown event kind');
}

type Channel = 'facebook' | 'instagram';
type Base = { channel: Channel; accountId: string; platformConversationId: string };
type Message = z.infer<typeof messageSchema>;

function inboundMessage(base: Base, data: MessagingItem, message: Message, at: string): PlatformEvent {
  return {
    ...base,
    kind: 'message',
    platformMessageId: message.mid,
    sender: { platformUserId: data.sender.id, displayName: null, handle: null },
    text: message.text ?? '',
    // Instagram sends `is_unsupported` for content the API cannot pass on: show that something came.
    attachments: message.is_unsupported ? [{ type: 'unsupported', url: null }] : (message.attachments ?? []).map(toAttachment),
    sentAt: at,
    ...(message.reply_to?.mid ? { replyToPlatformMessageId: message.reply_to.mid } : {}),
    ...(message.quick_reply ? { interaction: { type: 'quick_reply' as const, payload: message.quick_reply.payload } } : {}),
  };
}

function pageSent(base: Base, data: MessagingItem, message: Message, at: string): PlatformEvent {
  return {
    ...base,
    kind: 'page_sent',
    platformMessageId: message.mid,
    recipientId: data.recipient.id,
    text: message.text ?? '',
    attachments: (message.attachments ?? []).map(toAttachment),
    sentAt: at,
    deskMessageId: deskMessageIdOf(message.metadata),
  };
}

function receipt(base: Base, kind: 'read' | 'delivered', watermark: number, mids: string[]): PlatformEvent {
  return {
    ...base,
    kind: 'receipt',
    receipt: kind,
    watermark: new Date(asMilliseconds(watermark)).toISOString(),
    platformMessageIds: mids,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function deskMessageIdOf(metadata: string | undefined): string | null {
  if (!metadata?.startsWith(DESK_METADATA_PREFIX)) return null;
  const id = metadata.slice(DESK_METADATA_PREFIX.length);
  return UUID.test(id) ? id : null;
}

export function toAttachment(attachment: { type: string; payload?: Record<string, unknown> | null }): Attachment {
  // A `fallback` attachment may carry no payload, or an uppercase `URL` key (§11).
  const url = attachment.payload?.url ?? attachment.payload?.URL;
  return { type: attachment.type, url: typeof url === 'string' ? url : null };
}

/** The dashboard's test events use seconds where real deliveries use milliseconds. */
function asMilliseconds(timestamp: number): number {
  return timestamp < 1e12 ? timestamp * 1000 : timestamp;
}

function describeKind(item: unknown, fallback: string): string {
  const known = ['postback', 'read', 'delivery', 'reaction', 'message_edit', 'referral', 'optin', 'pass_thread_control', 'take_thread_control'];
  const keys = typeof item === 'object' && item !== null ? Object.keys(item) : [];
  return keys.find((key) => known.includes(key)) ?? fallback;
}
