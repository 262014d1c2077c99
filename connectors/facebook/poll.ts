import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import type { Attachment, PlatformEvent } from '../../shared/inbound';
import { toConnectorError } from './send';

// Conversations API (contracts/platforms.md §3). Lenient shapes, as for webhooks: Meta adds
// fields freely; what we cannot read is skipped, never thrown.
const graphTimeSchema = z.string().transform((value, context) => {
  // Graph writes `2024-06-10T09:15:02+0000`, which Date.parse reads in V8 but not everywhere.
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) {
    context.addIssue({ code: 'custom', message: 'not a Graph time' });
    return z.NEVER;
  }
  return ms;
});
const partySchema = z.object({ id: z.string().min(1), name: z.string().optional() });

const conversationsPageSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      updated_time: graphTimeSchema,
      participants: z.object({ data: z.array(partySchema) }).optional(),
    }),
  ),
  paging: z.object({ next: z.string().url().optional() }).optional(),
});

const messagesPageSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      created_time: graphTimeSchema,
      from: partySchema,
      to: z.object({ data: z.array(partySchema) }).optional(),
      message: z.string().optional(),
      attachments: z
        .object({
          data: z.array(
            z.object({
              mime_type: z.string().optional(),
              image_data: z.object({ url: z.string().optional() }).optional(),
              video_data: z.object({ url: z.string().optional() }).optional(),
              file_url: z.string().optional(),
            }),
          ),
        })
        .optional(),
    }),
  ),
});

/** §3: only the 20 most recent messages of a conversation are readable. */
export const READABLE_MESSAGES_PER_CONVERSATION = 20;

export interface PollOptions {
  pageId: string;
  platform: 'messenger' | 'instagram';
  /** The account the events belong to: the Page, or the linked Instagram account (§9). */
  channel: 'facebook' | 'instagram';
  accountId: string;
  /** The high-water mark of the previous run (`updated_time`, ms), or null on the first run. */
  highWaterMark: number | null;
  /** Conversations updated this long before the mark are read again: Graph's clock and ordering are not exact. */
  overlapMs: number;
  /** On the first run, how far back to read (the poller is a catch-up, not an importer). */
  firstRunLookbackMs: number;
  now: number;
}

export interface PollResult {
  /** Oldest first, ready to enqueue. */
  events: PlatformEvent[];
  /** The newest `updated_time` seen; store it only after the events are enqueued. */
  highWaterMark: number | null;
  conversationsRead: number;
  /**
   * Conversations whose 20 readable messages were all new: older ones in the gap cannot be read
   * (§3), so some messages may be missing there.
   */
  conversationsAtCap: number;
}

/**
 * One catch-up run: walk the Page's conversations newest first, following `paging.next` until
 * it is absent or the conversations are older than the mark minus the overlap, and read the
 * latest ≤20 messages of each. Inbound or outbound is decided by `from.id` (the Page or not).
 */
export async function pollConversations(graph: AxiosInstance, options: PollOptions): Promise<PollResult> {
  const since = (options.highWaterMark ?? options.now - options.firstRunLookbackMs) - options.overlapMs;
  const events: PlatformEvent[] = [];
  let highWaterMark = options.highWaterMark;
  let conversationsRead = 0;
  let conversationsAtCap = 0;
  let url: string | undefined = `${encodeURIComponent(options.pageId)}/conversations`;
  let params: Record<string, string> | undefined = {
    platform: options.platform,
    fields: 'id,updated_time,participants',
    limit: '25',
  };
  walk: while (url) {
    const page = conversationsPageSchema.parse(await get(graph, url, params));
    for (const conversation of page.data) {
      if (conversation.updated_time < since) break walk;
      highWaterMark = Math.max(highWaterMark ?? 0, conversation.updated_time);
      const person = conversation.participants?.data.find((party) => !isOwnAccount(options, party.id));
      if (!person) continue;
      conversationsRead += 1;
      const read = await readConversation(graph, options, conversation.id, person.id, since);
      if (read.length >= READABLE_MESSAGES_PER_CONVERSATION) conversationsAtCap += 1;
      events.push(...read);
    }
    // Pages can be short or empty through filtering: stop only when `next` is absent (§3).
    url = page.paging?.next;
    params = undefined;
  }
  events.sort((a, b) => timeOf(a) - timeOf(b));
  return { events, highWaterMark, conversationsRead, conversationsAtCap };
}

async function readConversation(
  graph: AxiosInstance,
  options: PollOptions,
  conversationId: string,
  psid: string,
  since: number,
): Promise<PlatformEvent[]> {
  const page = messagesPageSchema.parse(
    await get(graph, `${encodeURIComponent(conversationId)}/messages`, {
      fields: 'id,created_time,from,to,message,attachments',
      limit: String(READABLE_MESSAGES_PER_CONVERSATION),
    }),
  );
  // Only the first page: older messages than the 20 newest answer as "deleted" (§3).
  const base = { channel: options.channel, accountId: options.accountId, platformConversationId: psid, viaPoll: true };
  return page.data
    .filter((message) => message.created_time >= since)
    .map((message): PlatformEvent => {
      const sentAt = new Date(message.created_time).toISOString();
      const attachments = (message.attachments?.data ?? []).map(toAttachment);
      if (isOwnAccount(options, message.from.id)) {
        return { ...base, kind: 'page_sent', platformMessageId: message.id, recipientId: psid, text: message.message ?? '', attachments, sentAt, deskMessageId: null };
      }
      return {
        ...base,
        kind: 'message',
        platformMessageId: message.id,
        sender: { platformUserId: message.from.id, displayName: message.from.name ?? null, handle: null },
        text: message.message ?? '',
        attachments,
        sentAt,
      };
    });
}

/** Inbound or outbound by `from.id` (§3 rule 4): the Page or its Instagram account is "us". */
function isOwnAccount(options: PollOptions, id: string): boolean {
  return id === options.pageId || id === options.accountId;
}

function toAttachment(attachment: { mime_type?: string; image_data?: { url?: string }; video_data?: { url?: string }; file_url?: string }): Attachment {
  const type = attachment.image_data ? 'image' : attachment.video_data ? 'video' : attachment.mime_type?.startsWith('audio/') ? 'audio' : 'file';
  const url = attachment.image_data?.url ?? attachment.video_data?.url ?? attachment.file_url ?? null;
  return { type, url };
}

function timeOf(event: PlatformEvent): number {
  return 'sentAt' in event ? Date.parse(event.sentAt) : 0;
}

async function get(graph: AxiosInstance, url: string, params: Record<string, string> | undefined): Promise<unknown> {
  try {
    return (await graph.get(url, { params })).data;
  } catch (error) {
    throw toConnectorError(error);
  }
}
