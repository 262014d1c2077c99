import { z } from 'zod';
import type { Attachment, InboundEvent } from '../../shared/inbound';

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

const messageSchema = z.object({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  attachments: z
    .array(
      z.object({
        type: z.string(),
        payload: z.record(z.string(), z.unknown()).nullable().optional(),
      }),
    )
    .optional(),
});

const messagingItemSchema = z.object({
  sender: z.object({ id: idSchema }),
  recipient: z.object({ id: idSchema }),
  timestamp: timestampSchema,
  message: messageSchema.optional(),
});

export class MalformedWebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedWebhookError';
  }
}

export interface NormalisedWebhook {
  events: InboundEvent[];
  /** Well-formed events we do not handle (yet), by kind, for the log. */
  skipped: string[];
}

/** Turns a Messenger webhook body into inbound events; throws MalformedWebhookError on a bad envelope. */
export function normaliseWebhook(payload: unknown): NormalisedWebhook {
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) throw new MalformedWebhookError('Not a Messenger webhook envelope');
  if (envelope.data.object !== 'page') throw new MalformedWebhookError(`Unsupported object "${envelope.data.object}"`);

  const result: NormalisedWebhook = { events: [], skipped: [] };
  for (const entry of envelope.data.entry) {
    // Messenger documents one event per `messaging` array, but batches happen: loop anyway.
    for (const item of entry.messaging ?? []) {
      const event = toInboundEvent(item);
      if (typeof event === 'string') result.skipped.push(event);
      else result.events.push(event);
    }
    if (entry.standby?.length) result.skipped.push('standby');
  }
  return result;
}

function toInboundEvent(item: unknown): InboundEvent | string {
  const parsed = messagingItemSchema.safeParse(item);
  if (!parsed.success) return 'unreadable messaging item';
  const { sender, recipient, timestamp, message } = parsed.data;
  if (!message) return describeUnhandledKind(item);
  if (message.is_echo) return 'echo';
  return {
    channel: 'facebook',
    accountId: recipient.id,
    platformMessageId: message.mid,
    // A Page conversation is one person talking to the Page, so the PSID identifies it.
    platformConversationId: sender.id,
    sender: { platformUserId: sender.id, displayName: null, handle: null },
    text: message.text ?? '',
    attachments: (message.attachments ?? []).map(toAttachment),
    sentAt: new Date(asMilliseconds(timestamp)).toISOString(),
  };
}

function toAttachment(attachment: { type: string; payload?: Record<string, unknown> | null }): Attachment {
  // A `fallback` attachment may carry no payload, or an uppercase `URL` key.
  const url = attachment.payload?.url ?? attachment.payload?.URL;
  return { type: attachment.type, url: typeof url === 'string' ? url : null };
}

/** The dashboard's test events use seconds where real deliveries use milliseconds. */
function asMilliseconds(timestamp: number): number {
  return timestamp < 1e12 ? timestamp * 1000 : timestamp;
}

function describeUnhandledKind(item: unknown): string {
  const known = ['postback', 'read', 'delivery', 'reaction', 'message_edit', 'referral', 'optin'];
  const keys = typeof item === 'object' && item !== null ? Object.keys(item) : [];
  return keys.find((key) => known.includes(key)) ?? 'unknown event kind';
}
