import type { RequestHandler } from 'express';
import {
  GraphApiError,
  RATE_LIMIT_CODES,
  businessUseCaseUsageHeader,
  invalidParameter,
  noMatchingUser,
  outsideMessagingWindow,
} from './graph-errors';
import {
  readFileParam,
  readGraphParams,
  readObjectParam,
  requirePageToken,
  sendGraphJson,
  type GraphContext,
  type GraphParams,
} from './graph-http';
import {
  MESSAGE_TAGS,
  MESSAGING_TYPES,
  isInsideMessagingWindow,
  type MessageTag,
  type MessagingType,
} from './messaging-window';
import { newMessageId } from './webhook-envelope';
import type { PageInbox } from './page-inbox';
import type { FormPart } from '../fake-common/multipart';

export interface SentMessage {
  recipientId: string;
  text: string | undefined;
  attachment?: SentAttachment;
  messagingType: string;
  tag?: string;
  messageId: string;
  at: number;
  /** Present when the recipient is an IGSID of the linked Instagram account (§9). */
  viaInstagram?: true;
}

export interface InjectedSendError {
  httpStatus: number;
  code: number;
  subcode?: number;
  message: string;
  /** Rate-limit codes only: minutes in `X-Business-Use-Case-Usage`'s estimated_time_to_regain_access (default 0). */
  minutesToRegainAccess?: number;
}

interface Waiter {
  resolve: (message: SentMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface OutgoingMessage {
  text: string | undefined;
  attachment: SentAttachment | undefined;
  metadata: string | undefined;
}

export interface SentAttachment {
  type: string;
  url: string | undefined;
  /** Uploaded with the send as `filedata` (multipart): its bytes and declared type. */
  upload?: { data: Buffer; contentType: string | undefined };
}

// Messenger's limit on message.text (Send API reference); our MAX_REPLY_LENGTH matches it.
const MAX_TEXT_LENGTH = 2000;
const ATTACHMENT_TYPES = ['image', 'audio', 'video', 'file', 'template'];

/** `POST /{version}/{PAGE_ID|me}/messages` — contract §2. */
export class SendApi {
  readonly sentMessages: SentMessage[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly injectedErrors: InjectedSendError[] = [];
  private readonly injectedAttachmentErrors: InjectedSendError[] = [];
  private storm: { untilMs: number; error: InjectedSendError } | undefined;
  /** When each call answered with an injected error was made (ms), in order. */
  readonly refusedAt: number[] = [];
  /** How long an accepted send waits before it is answered (the message is already sent). */
  responseDelayMs = 0;

  constructor(
    private readonly inbox: PageInbox,
    private readonly context: GraphContext,
    private readonly now: () => number,
    private readonly onSent: (message: SentMessage, metadata: string | undefined) => void,
    /** The linked Instagram account's inbox: §9, same Send API with `recipient.id = IGSID`. */
    private readonly instagramInbox?: PageInbox,
  ) {}

  private inboxOf(recipientId: string): PageInbox {
    return this.instagramInbox?.isKnownUser(recipientId) ? this.instagramInbox : this.inbox;
  }

  failNextSends(count: number, error: InjectedSendError): void {
    for (let i = 0; i < count; i += 1) this.injectedErrors.push(error);
  }

  /** The next `count` sends of an attachment answer this error (text sends go through). */
  failNextAttachmentSends(count: number, error: InjectedSendError): void {
    for (let i = 0; i < count; i += 1) this.injectedAttachmentErrors.push(error);
  }

  /** Every call until `untilMs` (on this fake's clock) answers this error: a rate-limit storm. */
  failSendsUntil(untilMs: number, error: InjectedSendError): void {
    this.storm = { untilMs, error };
  }

  /** Resolves with the next successful send after this call. */
  nextSentMessage(timeoutMs = 5000): Promise<SentMessage> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new Error(`fake-facebook: no message was sent within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  close(): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('fake-facebook: closed while waiting for a sent message'));
    }
  }

  readonly handle: RequestHandler = (req, res) => {
    const injected = this.injectedErrors.shift() ?? (this.storm && this.now() < this.storm.untilMs ? this.storm.error : undefined);
    if (injected) {
      this.refusedAt.push(this.now());
      const headers: Record<string, string> = RATE_LIMIT_CODES.has(injected.code)
        ? { 'X-Business-Use-Case-Usage': businessUseCaseUsageHeader(this.inbox.pageId, injected.minutesToRegainAccess ?? 0) }
        : {};
      throw new GraphApiError(injected.code, injected.message, injected.subcode, injected.httpStatus, 'OAuthException', headers);
    }
    const params = readGraphParams(req);
    requirePageToken(req, params, this.context);
    const recipientId = readRecipientId(params);

    if (params.sender_action !== undefined && params.message === undefined) {
      // Typing indicators and mark_seen: same recipient and window rules, nothing stored.
      this.requireReachable(recipientId, 'RESPONSE', undefined);
      sendGraphJson(res, 200, { recipient_id: recipientId }, this.context);
      return;
    }
    const { messagingType, tag } = readMessagingType(params);
    const message = readMessage(params, readFileParam(params, 'filedata'));
    const attachmentFailure = message.attachment ? this.injectedAttachmentErrors.shift() : undefined;
    if (attachmentFailure) throw new GraphApiError(attachmentFailure.code, attachmentFailure.message, attachmentFailure.subcode, attachmentFailure.httpStatus);
    this.requireReachable(recipientId, messagingType, tag);

    const sent = this.record(recipientId, messagingType, tag, message);
    const answer = () => sendGraphJson(res, 200, { recipient_id: recipientId, message_id: sent.messageId }, this.context);
    if (this.responseDelayMs > 0) setTimeout(answer, this.responseDelayMs).unref();
    else answer();
  };

  private requireReachable(psid: string, messagingType: MessagingType, tag: MessageTag | undefined): void {
    const lastInboundAt = this.inboxOf(psid).lastInboundAt(psid);
    if (lastInboundAt === undefined) throw noMatchingUser();
    if (!isInsideMessagingWindow({ lastInboundAt, now: this.now(), messagingType, tag })) {
      throw outsideMessagingWindow();
    }
  }

  private record(
    recipientId: string,
    messagingType: MessagingType,
    tag: MessageTag | undefined,
    message: OutgoingMessage,
  ): SentMessage {
    const inbox = this.inboxOf(recipientId);
    const sent: SentMessage = {
      ...(inbox === this.inbox ? {} : { viaInstagram: true as const }),
      recipientId,
      text: message.text,
      ...(message.attachment ? { attachment: message.attachment } : {}),
      messagingType,
      ...(tag === undefined ? {} : { tag }),
      messageId: newMessageId(),
      at: this.now(),
    };
    this.sentMessages.push(sent);
    inbox.recordPageSent(recipientId, {
      id: sent.messageId,
      createdAt: sent.at,
      text: message.text,
      ...(message.attachment ? { attachment: { type: message.attachment.type, url: message.attachment.url } } : {}),
    });
    this.onSent(sent, message.metadata);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(sent);
    }
    return sent;
  }
}

function readRecipientId(params: GraphParams): string {
  const recipient = readObjectParam(params, 'recipient');
  if (!recipient) throw invalidParameter('param recipient must be non-empty.');
  if (typeof recipient.id === 'string' && recipient.id !== '') return recipient.id;
  if (typeof recipient.id === 'number') {
    throw invalidParameter('param recipient[id] must be a string: PSIDs do not fit in a JavaScript number');
  }
  // user_ref, phone_number, comment_id, post_id… are real but not something the desk sends.
  throw invalidParameter('param recipient[id] must be non-empty (the fake supports recipient.id only).');
}

function readMessagingType(params: GraphParams): { messagingType: MessagingType; tag: MessageTag | undefined } {
  const type = params.messaging_type;
  if (type === undefined) throw invalidParameter('param messaging_type is required.');
  if (!isOneOf(MESSAGING_TYPES, type)) {
    throw invalidParameter(`param messaging_type must be one of {${MESSAGING_TYPES.join(', ')}}.`);
  }
  if (type !== 'MESSAGE_TAG') return { messagingType: type, tag: undefined };
  if (!isOneOf(MESSAGE_TAGS, params.tag)) {
    throw invalidParameter(`param tag must be one of {${MESSAGE_TAGS.join(', ')}} when messaging_type is MESSAGE_TAG.`);
  }
  return { messagingType: type, tag: params.tag };
}

function readMessage(params: GraphParams, filedata: FormPart | undefined): OutgoingMessage {
  const message = readObjectParam(params, 'message');
  if (!message) throw invalidParameter('param message must be non-empty.');
  const { text, attachment, metadata } = message;
  if ((text === undefined) === (attachment === undefined)) {
    // §2: text and attachment go in separate calls.
    throw invalidParameter('param message must have exactly one of text or attachment.');
  }
  if (metadata !== undefined && typeof metadata !== 'string') {
    throw invalidParameter('param message[metadata] must be a string.');
  }
  if (text !== undefined) return { text: readText(text), attachment: undefined, metadata };
  return { text: undefined, attachment: readAttachment(attachment, filedata), metadata };
}

function readText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') throw invalidParameter('param message[text] must be non-empty.');
  if ([...text].length > MAX_TEXT_LENGTH) {
    throw invalidParameter(`Length of param message[text] must be less than or equal to ${MAX_TEXT_LENGTH}`);
  }
  return text;
}

function readAttachment(attachment: unknown, filedata: FormPart | undefined): SentAttachment {
  const value = (typeof attachment === 'object' && attachment !== null ? attachment : {}) as Record<string, unknown>;
  if (!isOneOf(ATTACHMENT_TYPES, value.type)) {
    throw invalidParameter(`param message[attachment][type] must be one of {${ATTACHMENT_TYPES.join(', ')}}.`);
  }
  const payload = (value.payload ?? {}) as Record<string, unknown>;
  const url = typeof payload.url === 'string' ? payload.url : undefined;
  if (url !== undefined && filedata) throw invalidParameter('param message[attachment][payload][url] cannot be given with filedata.');
  if (filedata) {
    if (filedata.data.length === 0) throw invalidParameter('param filedata must be a non-empty file.');
    return { type: value.type, url: undefined, upload: { data: filedata.data, contentType: filedata.contentType } };
  }
  if (url === undefined && payload.attachment_id === undefined && value.type !== 'template') {
    throw invalidParameter('param message[attachment][payload] must have a url or an attachment_id, or the file as filedata.');
  }
  return { type: value.type, url };
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
