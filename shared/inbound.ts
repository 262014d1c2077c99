import { z } from 'zod';
import { CHANNEL_TYPES } from './constants';

export const attachmentSchema = z.object({
  type: z.string(),
  url: z.string().nullable(),
  /** An image an agent uploaded to the desk (outbound replies only). */
  uploadId: z.string().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** A button or quick reply the person tapped: the text shown plus the payload the desk defined. */
export const interactionSchema = z.object({
  type: z.enum(['postback', 'quick_reply']),
  payload: z.string(),
});
export type Interaction = z.infer<typeof interactionSchema>;

const senderSchema = z.object({
  platformUserId: z.string().min(1),
  displayName: z.string().nullable(),
  handle: z.string().nullable(),
});

/**
 * A message from a member of the public, as every connector hands it to the pipeline.
 * `platformMessageId` is unique per channel and is what makes ingest idempotent.
 * `kind` may be left out: a message is the default (and the shape every connector started with).
 */
export const inboundEventSchema = z.object({
  kind: z.literal('message').optional(),
  channel: z.enum(CHANNEL_TYPES),
  /** The force's account on the platform (Facebook Page id, X user id). */
  accountId: z.string().min(1),
  platformMessageId: z.string().min(1),
  platformConversationId: z.string().min(1),
  sender: senderSchema,
  text: z.string(),
  attachments: z.array(attachmentSchema),
  sentAt: z.iso.datetime(),
  /** The team whose queue a new thread starts in, when the channel decides it (online report types). */
  teamName: z.string().min(1).max(100).optional(),
  /** The platform message this one answers (Messenger `reply_to.mid`). */
  replyToPlatformMessageId: z.string().min(1).optional(),
  interaction: interactionSchema.optional(),
  /** Read by polling rather than pushed: ids may differ from the webhook's (see ingest's fallback). */
  viaPoll: z.boolean().optional(),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;

const conversationFields = {
  channel: z.enum(CHANNEL_TYPES),
  accountId: z.string().min(1),
  platformConversationId: z.string().min(1),
};

/**
 * A message the force's own account sent: our Send API call echoed back, or a reply typed in the
 * platform's own inbox (Meta's Page inbox), or one read back by polling.
 */
export const pageSentEventSchema = z.object({
  kind: z.literal('page_sent'),
  ...conversationFields,
  platformMessageId: z.string().min(1),
  /** The person the Page wrote to. */
  recipientId: z.string().min(1),
  text: z.string(),
  attachments: z.array(attachmentSchema),
  sentAt: z.iso.datetime(),
  /** Send API `metadata` we attached to our own sends; identifies the desk message it came from. */
  deskMessageId: z.string().uuid().nullable(),
  viaPoll: z.boolean().optional(),
});
export type PageSentEvent = z.infer<typeof pageSentEventSchema>;

/** Delivery or read receipt: everything the Page sent at or before `watermark` has reached that state. */
export const receiptEventSchema = z.object({
  kind: z.literal('receipt'),
  ...conversationFields,
  receipt: z.enum(['delivered', 'read']),
  watermark: z.iso.datetime(),
  platformMessageIds: z.array(z.string().min(1)),
});
export type ReceiptEvent = z.infer<typeof receiptEventSchema>;

export const reactionEventSchema = z.object({
  kind: z.literal('reaction'),
  ...conversationFields,
  platformMessageId: z.string().min(1),
  byPlatformUserId: z.string().min(1),
  action: z.enum(['react', 'unreact']),
  emoji: z.string().nullable(),
  reaction: z.string().nullable(),
  at: z.iso.datetime(),
});
export type ReactionEvent = z.infer<typeof reactionEventSchema>;

export const editEventSchema = z.object({
  kind: z.literal('edit'),
  ...conversationFields,
  platformMessageId: z.string().min(1),
  text: z.string(),
  editCount: z.number().int().min(1),
});
export type EditEvent = z.infer<typeof editEventSchema>;

/** Everything a connector can hand the inbound queue; a plain `InboundEvent` is still valid. */
export const platformEventSchema = z.union([
  inboundEventSchema,
  pageSentEventSchema,
  receiptEventSchema,
  reactionEventSchema,
  editEventSchema,
]);
export type PlatformEvent = z.infer<typeof platformEventSchema>;

export function isInboundMessage(event: PlatformEvent): event is InboundEvent {
  return event.kind === undefined || event.kind === 'message';
}

/** Queue job id: the same platform message enqueued twice is one job. */
export function inboundJobId(event: Pick<InboundEvent, 'channel' | 'platformMessageId'>): string {
  // BullMQ refuses custom job ids containing ':' (its key separator), and legacy Meta ids
  // (`mid.1486…:cb04…`) contain one, so the id is URI-encoded and joined with '__'.
  return `${event.channel}__${encodeURIComponent(event.platformMessageId)}`;
}

/** Job id for any platform event: redelivery of the same event is one job. */
export function platformEventJobId(event: PlatformEvent): string {
  if (isInboundMessage(event)) return inboundJobId(event);
  const part = (value: string) => encodeURIComponent(value);
  switch (event.kind) {
    case 'page_sent':
      return `${event.channel}__out__${part(event.platformMessageId)}`;
    case 'receipt':
      return `${event.channel}__${event.receipt}__${part(event.platformConversationId)}__${Date.parse(event.watermark)}`;
    case 'reaction':
      return `${event.channel}__reaction__${part(event.platformMessageId)}__${part(event.byPlatformUserId)}__${event.action}__${Date.parse(event.at)}`;
    case 'edit':
      return `${event.channel}__edit__${part(event.platformMessageId)}__${event.editCount}`;
  }
}
