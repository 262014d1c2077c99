import type { ChannelType } from '../shared/constants';
import type { InboundEvent } from '../shared/inbound';

/** A reply from an agent, addressed the way the platform needs it. */
export interface OutboundReply {
  /** The member of the public's id on the platform (Facebook PSID, X user id). */
  recipientId: string;
  platformConversationId: string;
  text: string;
  /** Files to send after the text (Messenger: one Send API call each, contracts §2). */
  attachments?: OutboundAttachment[];
  /**
   * Parts of this reply the platform already accepted on an earlier attempt (Messenger sends
   * the text and each attachment separately), by index: those are not sent again.
   */
  sentPartIds?: string[];
  /** Called as each part is accepted, so the caller can record it before the next is tried. */
  onPartSent?: (index: number, platformMessageId: string) => Promise<void>;
  /**
   * Facebook: a human agent replying between 24 h and 7 days after the person's last message
   * (needs Meta's Human Agent permission). Never set inside the 24-hour window.
   */
  messagingTag?: 'HUMAN_AGENT';
  /** The desk's message id, sent along where the platform allows, so echoes can be matched to it. */
  deskMessageId?: string;
  /**
   * Called with the platform's media ids once it holds the attachments, just before the message
   * itself is sent (X uploads an image first): a send whose answer was lost is matched by them.
   */
  onMediaReady?: (mediaIds: string[]) => Promise<void>;
}

/** A file by public URL, or an image's bytes uploaded with the send (desk uploads have no public URL). */
export type OutboundAttachment =
  | { type: 'image' | 'audio' | 'video' | 'file'; url: string }
  | { type: 'image'; image: ImageFile };

/** An image's bytes, with the type read from them, and alt text where the platform takes it. */
export interface ImageFile {
  data: Buffer;
  contentType: string;
  altText?: string;
}

export interface SendResult {
  platformMessageId: string;
}

/** Every channel does this; the pipeline knows nothing else of a platform. */
export interface Connector {
  readonly channel: ChannelType;
  readonly accountId: string;
  readonly displayName: string;
  send(reply: OutboundReply): Promise<SendResult>;
  /** The sender's name from the platform's profile API, for channels whose messages carry none. */
  lookupSenderName?(platformUserId: string): Promise<string | null>;
  /** For channels read by polling (X DMs): the server runs it as a job scheduler per account. */
  readonly poller?: ConnectorPoller;
}

export interface ConnectorPoller {
  /** The shortest gap between two polls the platform's budget allows. */
  readonly intervalMs: number;
  /** Reads what is new since `cursor` (null: never polled). Throws ConnectorError. */
  poll(cursor: string | null): Promise<PollResult>;
}

export interface PollResult {
  events: InboundEvent[];
  /** The account's own sends seen by the poll: matched to outbound messages, never stored as inbound. */
  ownSends: OwnSend[];
  /** Kept by the server only once `events` are enqueued. */
  cursor: string | null;
  /** The rate budget asks for a longer gap before the next poll than `intervalMs`. */
  notBefore: Date | null;
  /** Something the operator should know, e.g. a gap the poll could not read. */
  warning?: string;
}

/**
 * A message the account itself sent, read back from the platform (X lists our DMs with the
 * public's): our reply, or one typed in the platform's own app.
 */
export interface OwnSend {
  platformMessageId: string;
  platformConversationId: string;
  text: string;
  /** The platform's ids of the media it carries (X: one media id at most). */
  mediaIds: string[];
  sentAt: string;
}

/**
 * What a platform failure means for the desk:
 * - `transient`: try again with backoff;
 * - `rate_limited`: try again after the platform's reset time;
 * - `permanent`: stop and show the agent why (expired token, outside the messaging window…).
 */
export type ConnectorErrorKind = 'transient' | 'rate_limited' | 'permanent';

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    /** Words an agent can act on; never contains the message text. */
    readonly reasonForAgent: string,
    readonly details: {
      platformCode?: number;
      platformSubcode?: number;
      retryAfterMs?: number;
      /** The account itself cannot send (expired token, missing permission): mark the channel unhealthy. */
      isChannelProblem?: boolean;
      /** The platform refused the very same words again (X): a lost earlier send may be the reason. */
      isDuplicate?: boolean;
    } = {},
  ) {
    super(reasonForAgent);
    this.name = 'ConnectorError';
  }
}
