import { z } from 'zod';
import { CHANNEL_TYPES } from './constants';

export const attachmentSchema = z.object({
  type: z.string(),
  url: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * A message from a member of the public, as every connector hands it to the pipeline.
 * `platformMessageId` is unique per channel and is what makes ingest idempotent.
 */
export const inboundEventSchema = z.object({
  channel: z.enum(CHANNEL_TYPES),
  /** The force's account on the platform (Facebook Page id, X user id). */
  accountId: z.string().min(1),
  platformMessageId: z.string().min(1),
  platformConversationId: z.string().min(1),
  sender: z.object({
    platformUserId: z.string().min(1),
    displayName: z.string().nullable(),
    handle: z.string().nullable(),
  }),
  text: z.string(),
  attachments: z.array(attachmentSchema),
  sentAt: z.iso.datetime(),
  /** The team whose queue a new thread starts in, when the channel decides it (online report types). */
  teamName: z.string().min(1).max(100).optional(),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;

/** Queue job id: the same platform message enqueued twice is one job. */
export function inboundJobId(event: Pick<InboundEvent, 'channel' | 'platformMessageId'>): string {
  // BullMQ refuses custom job ids containing ':' (its key separator), and legacy Meta ids
  // (`mid.1486…:cb04…`) contain one, so the id is URI-encoded and joined with '__'.
  return `${event.channel}__${encodeURIComponent(event.platformMessageId)}`;
}
