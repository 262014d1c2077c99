import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { AppUsageMeter } from './app-usage';
import { ConversationsApi } from './conversations';
import { GraphApiError, unknownPath, unsupportedRequest } from './graph-errors';
import { graphErrorHandler, type GraphContext } from './graph-http';
import { serialiseLikeMeta } from './meta-json';
import { PageInbox } from './page-inbox';
import { PagePosts, type PagePhotoRecord, type PagePostRecord } from './page-posts';
import { SendApi, type InjectedSendError, type SentMessage } from './send-api';
import { WebhookDelivery, type DeliveryResult } from './webhook-delivery';
import { echoEvent, newMessageId, userMessageEvent, webhookEnvelope, type MessagingEvent } from './webhook-envelope';

/** `app_id` of Meta's own Page inbox in echoes of replies typed there (not our app's). */
export const PAGE_INBOX_APP_ID = 263902037430900;

export interface FakeFacebookOptions {
  appSecret: string;
  pageId: string;
  pageAccessToken: string;
  /** Where to POST webhook events (the desk's `POST /webhooks/facebook`); can be set later. */
  webhookUrl?: string;
  /** Default 0 = a random free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Default 'v25.0'; other versions get Graph's "Unknown path components" error. */
  graphVersion?: string;
  /** Redelivery schedule after a non-200 (default [1000, 5000, 30000]); then the event is dropped. */
  retryDelaysMs?: number[];
  /** Clock (ms) for the messaging window and timestamps; default Date.now. */
  now?: () => number;
  /** Name the Page shows in conversations; default 'Anytown Police'. */
  pageName?: string;
  /** Also POST `is_echo` events for the Page's own sends, as with `message_echoes` subscribed (§1). Default false. */
  deliverEchoes?: boolean;
  /** `app_id` in echoes (a number on Meta, §1). */
  appId?: number;
  /** Id of an Instagram professional account linked to the Page (§9); none when absent. */
  instagramAccountId?: string;
}

export interface UserMessage {
  psid: string;
  name?: string;
  text: string;
  mid?: string;
  timestamp?: number;
}

export interface FakeFacebook {
  /** e.g. http://127.0.0.1:43123 — the connector calls `${baseUrl}/v25.0/...`. */
  baseUrl: string;
  setWebhookUrl(url: string): void;
  /** A member of the public DMs the Page: recorded, signed, POSTed (redelivered on non-200). */
  sendUserMessage(msg: UserMessage): Promise<{ mid: string; status: number }>;
  /** Several DMs in one webhook POST, one `entry` each (§1 "Batching"). */
  sendUserMessages(msgs: UserMessage[]): Promise<{ mids: string[]; status: number }>;
  /** POSTs the last webhook body again, byte for byte: Meta may deliver an event twice (§1). */
  redeliverLast(): Promise<DeliveryResult>;
  /** Exact bytes with a given signature header (null = no header; undefined = correct one). */
  deliverRaw(body: string | Buffer, options?: { signature?: string | null }): Promise<DeliveryResult>;
  /** The GET handshake: `hub.mode=subscribe&hub.verify_token=…&hub.challenge=<digits>`. */
  verifySubscription(verifyToken: string): Promise<DeliveryResult & { challenge: string }>;
  /**
   * A member of the public DMs the Page but the webhook never arrives (Meta gave up after its
   * retries, §1): only the Conversations API knows the message.
   */
  receiveWithoutWebhook(msg: UserMessage, options?: { toInstagram?: boolean }): { mid: string };
  /**
   * Someone at the force replies in Meta's own Page inbox rather than the desk: recorded in the
   * conversation and, with `deliverEchoes`, echoed with the Page inbox's app id and no metadata.
   */
  replyFromPageInbox(psid: string, text: string): Promise<{ mid: string }>;
  /**
   * Someone DMs the linked Instagram account: recorded in its inbox (polled with
   * `platform=instagram`) and POSTed as `object: "instagram"` with IGSIDs (§9).
   */
  sendInstagramMessage(msg: UserMessage): Promise<{ mid: string; status: number }>;
  /** Any Messenger events (read, delivery, reaction, edit, postback…), one entry each, signed. */
  deliverEvents(events: object[]): Promise<number>;
  /** Everything published to the Page (feed posts and photos), in order. */
  readonly posts: PagePostRecord[];
  /** The next `count` `/feed` posts are published, then the connection drops before the answer. */
  loseNextPostAnswers(count: number): void;
  /** Every photo uploaded to the Page (published or waiting to be attached to a post). */
  readonly photos: PagePhotoRecord[];
  /** Everything the Send API accepted (successful sends only), in order. */
  readonly sentMessages: SentMessage[];
  /** Resolves with the next successful send (default timeout 5000 ms). */
  nextSentMessage(timeoutMs?: number): Promise<SentMessage>;
  /** Moves (or creates) a PSID's last inbound time, e.g. to simulate a conversation older than 24 h. */
  setLastInboundAt(psid: string, ms: number): void;
  /** The next `count` Send API calls answer this error, before any other check (token, window…). */
  failNextSends(count: number, error: InjectedSendError): void;
  /** The next `count` attachment sends answer this error; text sends still go through. */
  failNextAttachmentSends(count: number, error: InjectedSendError): void;
  /** Echoes of the Page's sends are kept back until `releaseEchoes` (Meta may deliver them late). */
  holdEchoes(): void;
  /** Delivers the echoes held back, and later ones at once again. */
  releaseEchoes(): Promise<void>;
  /** Accepted sends are answered this long after they are sent (0 = at once): a slow Send API. */
  setSendResponseDelay(ms: number): void;
  /** Every Send API call until `untilMs` answers this error, e.g. a storm of rate-limit refusals. */
  failSendsUntil(untilMs: number, error: InjectedSendError): void;
  /** When each Send API call answered with an injected error was made (ms). */
  readonly refusedSendsAt: readonly number[];
  close(): Promise<void>;
}

export async function startFakeFacebook(options: FakeFacebookOptions): Promise<FakeFacebook> {
  const now = options.now ?? Date.now;
  const graphVersion = options.graphVersion ?? 'v25.0';
  const meter = new AppUsageMeter(now);
  const context: GraphContext = {
    graphVersion,
    pageAccessToken: options.pageAccessToken,
    appUsageHeader: () => meter.recordCall(),
  };
  const inbox = new PageInbox(options.pageId, options.pageName ?? 'Anytown Police');
  const retryDelaysMs = options.retryDelaysMs ?? [1000, 5000, 30000];
  const delivery = new WebhookDelivery(options.appSecret, retryDelaysMs, options.webhookUrl);
  let lastBody: string | undefined;
  const deliver = (body: string): Promise<number> => {
    lastBody = body;
    return delivery.deliver(body);
  };

  // Meta gives no bound on when an echo arrives: a test can hold them back and let them go.
  let heldEchoes: string[] | null = null;
  const instagramId = options.instagramAccountId;
  const instagramInbox = instagramId ? new PageInbox(instagramId, 'anytownpolice') : undefined;
  const sendApi = new SendApi(inbox, context, now, (sent, metadata) => {
    if (!options.deliverEchoes || !delivery.hasUrl()) return;
    if (sent.viaInstagram && instagramId) {
      // §9: Instagram echoes come in the `messages` field, sender = the Instagram account.
      const echo = echoEvent({ pageId: instagramId, psid: sent.recipientId, mid: sent.messageId, text: sent.text, timestamp: sent.at, appId: options.appId ?? 1517776481860111, metadata });
      void deliver(serialiseLikeMeta(webhookEnvelope(instagramId, [echo], now(), 'instagram')));
      return;
    }
    const echo = echoEvent({
      pageId: options.pageId,
      psid: sent.recipientId,
      mid: sent.messageId,
      text: sent.text,
      timestamp: sent.at,
      appId: options.appId ?? 1517776481860111,
      metadata,
    });
    const body = serialiseLikeMeta(webhookEnvelope(options.pageId, [echo], now()));
    if (heldEchoes) heldEchoes.push(body);
    else void deliver(body);
  }, instagramInbox);
  const conversations = new ConversationsApi(inbox, context, now, instagramInbox);
  const pagePosts = new PagePosts(options.pageId, context, now);

  const server = buildApp({ graphVersion, pageId: options.pageId, context, sendApi, conversations, pagePosts }).listen(
    options.port ?? 0,
    '127.0.0.1',
  );
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const sendUserMessages = async (msgs: UserMessage[]): Promise<{ mids: string[]; status: number }> => {
    delivery.requireUrl();
    const events = msgs.map((msg) => {
      const mid = msg.mid ?? newMessageId();
      const timestamp = msg.timestamp ?? now();
      // Meta knows the person wrote whether or not our webhook answers, so the window opens here.
      inbox.recordInbound(msg.psid, msg.name, { id: mid, createdAt: timestamp, text: msg.text });
      return userMessageEvent({ pageId: options.pageId, psid: msg.psid, mid, text: msg.text, timestamp });
    });
    const status = await deliver(serialiseLikeMeta(webhookEnvelope(options.pageId, events, now())));
    return { mids: events.map((event) => event.message.mid), status };
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setWebhookUrl: (url) => delivery.setUrl(url),
    sendUserMessages,
    async sendUserMessage(msg) {
      const { mids, status } = await sendUserMessages([msg]);
      return { mid: mids[0] ?? '', status };
    },
    async redeliverLast() {
      if (lastBody === undefined) throw new Error('fake-facebook: nothing has been delivered yet');
      return delivery.post(lastBody, undefined);
    },
    deliverRaw: (body, rawOptions) => delivery.post(body, rawOptions?.signature),
    verifySubscription: (verifyToken) => delivery.verifySubscription(verifyToken),
    receiveWithoutWebhook(msg, receiveOptions) {
      const mid = msg.mid ?? newMessageId();
      const target = receiveOptions?.toInstagram ? instagramInbox : inbox;
      if (!target) throw new Error('fake-facebook: no Instagram account is linked (instagramAccountId)');
      target.recordInbound(msg.psid, msg.name, { id: mid, createdAt: msg.timestamp ?? now(), text: msg.text });
      return { mid };
    },
    async replyFromPageInbox(psid, text) {
      const mid = newMessageId();
      const at = now();
      inbox.recordPageSent(psid, { id: mid, createdAt: at, text });
      if (options.deliverEchoes && delivery.hasUrl()) {
        const echo = echoEvent({ pageId: options.pageId, psid, mid, text, timestamp: at, appId: PAGE_INBOX_APP_ID, metadata: undefined });
        await deliver(serialiseLikeMeta(webhookEnvelope(options.pageId, [echo], now())));
      }
      return { mid };
    },
    async sendInstagramMessage(msg) {
      if (!instagramId || !instagramInbox) throw new Error('fake-facebook: no Instagram account is linked (instagramAccountId)');
      delivery.requireUrl();
      const mid = msg.mid ?? newMessageId();
      const timestamp = msg.timestamp ?? now();
      instagramInbox.recordInbound(msg.psid, msg.name, { id: mid, createdAt: timestamp, text: msg.text });
      const event = userMessageEvent({ pageId: instagramId, psid: msg.psid, mid, text: msg.text, timestamp });
      const status = await deliver(serialiseLikeMeta(webhookEnvelope(instagramId, [event], now(), 'instagram')));
      return { mid, status };
    },
    deliverEvents: (events) =>
      deliver(serialiseLikeMeta(webhookEnvelope(options.pageId, events as MessagingEvent[], now()))),
    posts: pagePosts.posts,
    photos: pagePosts.photos,
    loseNextPostAnswers: (count) => pagePosts.loseNextAnswers(count),
    sentMessages: sendApi.sentMessages,
    nextSentMessage: (timeoutMs) => sendApi.nextSentMessage(timeoutMs),
    setLastInboundAt: (psid, ms) => inbox.setLastInboundAt(psid, ms),
    failNextSends: (count, error) => sendApi.failNextSends(count, error),
    failNextAttachmentSends: (count, error) => sendApi.failNextAttachmentSends(count, error),
    failSendsUntil: (untilMs, error) => sendApi.failSendsUntil(untilMs, error),
    holdEchoes: () => {
      heldEchoes ??= [];
    },
    async releaseEchoes() {
      const held = heldEchoes ?? [];
      heldEchoes = null;
      await Promise.all(held.map((body) => deliver(body)));
    },
    setSendResponseDelay: (ms) => {
      sendApi.responseDelayMs = ms;
    },
    refusedSendsAt: sendApi.refusedAt,
    async close() {
      delivery.close();
      sendApi.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function buildApp(parts: {
  graphVersion: string;
  pageId: string;
  context: GraphContext;
  sendApi: SendApi;
  conversations: ConversationsApi;
  pagePosts: PagePosts;
}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const graph = express.Router();
  // Raw bytes for every content type: Graph's own parsing rules live in graph-http.ts.
  // 30 MB: Graph's photo upload limit is larger than any desk image (contract §4).
  graph.use(express.raw({ type: () => true, limit: '30mb' }));
  graph.post('/:objectId/messages', (req, res, next) => {
    const objectId = String(req.params.objectId);
    if (objectId !== parts.pageId && objectId !== 'me') throw unsupportedRequest('POST', objectId);
    parts.sendApi.handle(req, res, next);
  });
  graph.post('/:objectId/feed', parts.pagePosts.feed);
  graph.post('/:objectId/photos', parts.pagePosts.uploadPhoto);
  graph.get('/:objectId/feed', parts.pagePosts.listPosts('feed'));
  graph.get('/:objectId/scheduled_posts', parts.pagePosts.listPosts('scheduled_posts'));
  graph.post('/:objectId', parts.pagePosts.edit);
  graph.delete('/:objectId', parts.pagePosts.remove);
  graph.get('/:objectId/conversations', parts.conversations.listConversations);
  graph.get('/:objectId/messages', parts.conversations.listMessages);
  graph.get('/:objectId', parts.conversations.readNode);
  app.use(`/${parts.graphVersion}`, graph);
  app.use((req) => {
    const path = new URL(req.originalUrl, 'http://fake.invalid').pathname;
    if (/^\/v\d+\.\d+\//.test(path) && !path.startsWith(`/${parts.graphVersion}/`)) {
      throw new GraphApiError(2500, `Unknown path components: ${path} (this fake serves ${parts.graphVersion} only)`);
    }
    throw unknownPath(path);
  });
  app.use(graphErrorHandler(parts.context));
  return app;
}
