import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { AccountActivityDelivery, directMessageActivity, type DeliveryResult } from './account-activity';
import { decodeToken, DmStore, type DmEvent, type XMedia } from './dm-store';
import { RateLimits, type TooManyRequestsShape } from './rate-limits';
import { oneToOneConversationId, SnowflakeIds } from './snowflake';
import { MediaStore } from './media';
import { postTimelinePage, TweetStore } from './tweets';

export const X_ENDPOINTS = {
  readDms: 'GET /2/dm_events',
  sendDm: 'POST /2/dm_conversations/messages',
  postTweet: 'POST /2/tweets',
  deleteTweet: 'DELETE /2/tweets/:id',
  readPosts: 'GET /2/users/:id/tweets',
  /** INITIALIZE, APPEND, FINALIZE, STATUS and metadata create share one window here. */
  uploadMedia: 'POST /2/media/upload',
} as const;
export type XEndpoint = (typeof X_ENDPOINTS)[keyof typeof X_ENDPOINTS];

export interface FakeXOptions {
  /** The force's account. */
  userId: string;
  username?: string;
  name?: string;
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  /** The desk's app, named as `source_app_id` on its sends in Account Activity. */
  appId?: string;
  /** Account Activity webhook (the desk's `/webhooks/twitter`); unset = a polling-only account. */
  webhookUrl?: string;
  port?: number;
  now?: () => number;
  /** Requests per 15 minutes; defaults are the documented 300 reads and 200 sends (contract §5). */
  limits?: Partial<Record<XEndpoint, number>>;
}

export interface UserDm {
  userId: string;
  name?: string;
  username?: string;
  text: string;
  /** A photo attached to the DM. */
  mediaUrl?: string;
  /** Fixes the event id, e.g. to test ids past 2^53. */
  id?: string;
}

export interface SentDm {
  participantId: string;
  conversationId: string;
  eventId: string;
  text: string;
  /** The uploaded media attached to the DM (at most one, §5). */
  mediaIds: string[];
  at: number;
}

export interface InjectedXError {
  status: number;
  body: object;
  contentType?: string;
}

export interface FakeX {
  /** e.g. http://127.0.0.1:43123 — stands in for https://api.x.com (the client keeps the /2/ path). */
  baseUrl: string;
  readonly store: DmStore;
  /** The account's posts (`POST /2/tweets`), deleted ones marked. */
  readonly tweets: TweetStore;
  /** Images uploaded through the v2 chunked upload, with their alt text. */
  readonly media: MediaStore;
  readonly rateLimits: RateLimits;
  /** A member of the public DMs the account: stored for dm_events, and POSTed to the webhook if one is set. */
  sendUserDm(dm: UserDm): Promise<{ id: string; webhookStatus: number | null }>;
  setWebhookUrl(url: string | undefined): void;
  checkCrc(): Promise<DeliveryResult & { isValid: boolean }>;
  deliverRaw(body: string | Buffer, options?: { signature?: string | null }): Promise<DeliveryResult>;
  /** POSTs an existing event to the webhook again (as a second delivery would). */
  redeliver(eventId: string): Promise<DeliveryResult>;
  readonly sentDms: SentDm[];
  /** Resolves with the next DM the account sends through the API. */
  nextSentDm(timeoutMs?: number): Promise<SentDm>;
  /** Every send attempt that reached the fake, successful or not, with its time. */
  readonly sendAttempts: Array<{ at: number; status: number }>;
  /**
   * The account's own DMs sent from now on stay out of `GET /2/dm_events` and the webhook until
   * released (X's read side lags its write side), so a test decides when the desk can see them.
   */
  holdOwnDms(): void;
  releaseOwnDms(): Promise<void>;
  /**
   * Of the posts to come, the `count` after the next `skip` are made, then the connection drops
   * before the answer (a crash, a lost connection): X has the post, the caller never hears so.
   */
  loseNextPostAnswers(count: number, skip?: number): void;
  /** Holds the answer to each accepted DM this long (the DM is already sent), e.g. past a worker's death. */
  setSendResponseDelay(ms: number): void;
  /** The next `count` requests to the endpoint answer this error. */
  failNext(endpoint: XEndpoint, count: number, error: InjectedXError): void;
  /** Spends the endpoint's rate window until `resetInMs` from now; 429s in that body shape. */
  exhaustRateLimit(endpoint: XEndpoint, resetInMs: number, shape?: TooManyRequestsShape): void;
  close(): Promise<void>;
}

const PROBLEM_TYPE = 'application/problem+json';

export async function startFakeX(options: FakeXOptions): Promise<FakeX> {
  const now = options.now ?? Date.now;
  const ids = new SnowflakeIds(now);
  const store = new DmStore();
  const tweets = new TweetStore();
  const media = new MediaStore(ids, now);
  store.users.set(options.userId, { id: options.userId, name: options.name ?? 'Anytown Police', username: options.username ?? 'anytownpolice' });
  const rateLimits = new RateLimits(
    {
      [X_ENDPOINTS.readDms]: options.limits?.[X_ENDPOINTS.readDms] ?? 300,
      [X_ENDPOINTS.sendDm]: options.limits?.[X_ENDPOINTS.sendDm] ?? 200,
      // Contract §7: 100 posts per 15 minutes per user.
      [X_ENDPOINTS.postTweet]: options.limits?.[X_ENDPOINTS.postTweet] ?? 100,
      [X_ENDPOINTS.deleteTweet]: options.limits?.[X_ENDPOINTS.deleteTweet] ?? 50,
      // Not in the contract (tier-dependent): the user Post timeline's per-user window.
      [X_ENDPOINTS.readPosts]: options.limits?.[X_ENDPOINTS.readPosts] ?? 900,
      // Not in the contract: generous, so a 4-image post (12+ calls) never trips it by accident.
      [X_ENDPOINTS.uploadMedia]: options.limits?.[X_ENDPOINTS.uploadMedia] ?? 1000,
    },
    now,
  );
  const delivery = new AccountActivityDelivery(options.consumerSecret);
  delivery.setUrl(options.webhookUrl);
  const appId = options.appId ?? '29000001';
  const sentDms: SentDm[] = [];
  const sendAttempts: Array<{ at: number; status: number }> = [];
  const injected = new Map<XEndpoint, InjectedXError[]>();
  const sentWaiters = new Set<(dm: SentDm) => void>();
  let sendResponseDelayMs = 0;
  let heldOwnDms: DmEvent[] | null = null;
  const postAnswers = { toSkip: 0, toLose: 0 };

  const deliverActivity = async (event: DmEvent): Promise<number | null> => {
    if (!delivery.hasUrl()) return null;
    const result = await delivery.post(JSON.stringify(directMessageActivity(options.userId, event, store.users)));
    return result.status;
  };

  /** Auth, injected failures and the rate window, in the order X applies them; true = go on. */
  const admit = (req: Request, res: Response, endpoint: XEndpoint): boolean => {
    const finish = (status: number, body: object, contentType = PROBLEM_TYPE) => {
      rateLimits.writeHeaders(res, endpoint);
      rateLimits.record(endpoint, status);
      if (endpoint === X_ENDPOINTS.sendDm) sendAttempts.push({ at: now(), status });
      res.status(status).type(contentType).send(JSON.stringify(body));
      return false;
    };
    if (!isSignedForUs(req, options)) {
      return finish(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
    const failure = injected.get(endpoint)?.shift();
    if (failure) return finish(failure.status, failure.body, failure.contentType ?? PROBLEM_TYPE);
    if (!rateLimits.take(endpoint)) {
      // Over the limit the JSON is served as application/json (v1 shape) or problem JSON.
      return finish(429, rateLimits.tooManyRequestsBody(endpoint), 'application/json; charset=utf-8');
    }
    rateLimits.writeHeaders(res, endpoint);
    rateLimits.record(endpoint, 200);
    return true;
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get('/2/dm_events', (req, res) => {
    if (!admit(req, res, X_ENDPOINTS.readDms)) return;
    const query = new URL(req.originalUrl, 'http://fake.invalid').searchParams;
    const maxResults = Number(query.get('max_results') ?? '100');
    const token = query.get('pagination_token');
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      return void invalidRequest(res, { max_results: [String(query.get('max_results'))] }, `The \`max_results\` query parameter value [${query.get('max_results')}] is not between 1 and 100`);
    }
    if (token !== null && decodeToken(token) === null) {
      return void invalidRequest(res, { pagination_token: [token] }, 'The `pagination_token` query parameter value is not valid');
    }
    res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(store.page(query)));
  });

  const sendDm = (participantOf: (req: Request) => string | null) =>
    [
      express.json({ limit: '1mb' }),
      (req: Request, res: Response) => {
        if (!admit(req, res, X_ENDPOINTS.sendDm)) return;
        const body = (req.body ?? {}) as { text?: unknown; attachments?: unknown };
        const participantId = participantOf(req);
        if (!participantId) return void invalidRequest(res, { dm_conversation_id: [String(req.params.conversationId)] }, 'Not a 1:1 conversation of this account');
        // §5: at least one of text and attachments; attachments is exactly one uploaded media id.
        const attachments = body.attachments;
        if (attachments !== undefined && (!Array.isArray(attachments) || attachments.length !== 1)) {
          return void invalidRequest(res, { attachments: [JSON.stringify(attachments)] }, 'attachments must hold exactly one media_id');
        }
        const attached = attachments ? media.attachable((attachments[0] as { media_id?: unknown } | undefined)?.media_id) : null;
        if (attachments && !attached) return void invalidRequest(res, { attachments: [JSON.stringify(attachments)] }, 'media_id is not an upload of this account');
        const hasText = typeof body.text === 'string' && body.text.length > 0;
        if ((!hasText && !attached) || (body.text !== undefined && (typeof body.text !== 'string' || body.text.length > 10_000))) {
          return void invalidRequest(res, { text: [String(body.text)] }, 'text must be 1 to 10000 characters');
        }
        const event: DmEvent = {
          id: ids.next(),
          text: hasText ? (body.text as string) : '',
          ...(attached ? { media: { mediaKey: attached.mediaKey, idStr: attached.id, type: 'photo' as const, url: `https://pbs.twimg.com/media/${attached.id}.jpg` } } : {}),
          senderId: options.userId,
          recipientId: participantId,
          conversationId: oneToOneConversationId(options.userId, participantId),
          createdAtMs: now(),
          sourceAppId: appId,
        };
        if (heldOwnDms) heldOwnDms.push(event);
        else store.add(event);
        const sent: SentDm = { participantId, conversationId: event.conversationId, eventId: event.id, text: event.text, mediaIds: attached ? [attached.id] : [], at: event.createdAtMs };
        sentDms.push(sent);
        sendAttempts.push({ at: now(), status: 201 });
        for (const waiter of sentWaiters) waiter(sent);
        // The Location header wraps the id in quotes (contract §11).
        const answer = () => {
          res.setHeader('location', `https://api.x.com/2/dm_events/"${event.id}"`);
          res.status(201).type('application/json; charset=utf-8').send(JSON.stringify({ data: { dm_conversation_id: event.conversationId, dm_event_id: event.id } }));
        };
        if (sendResponseDelayMs > 0) setTimeout(answer, sendResponseDelayMs).unref();
        else answer();
        // Account Activity also delivers the account's own sends (contract §6).
        if (!heldOwnDms?.includes(event)) void deliverActivity(event);
      },
    ] as const;
  app.post('/2/dm_conversations/with/:participantId/messages', ...sendDm((req) => String(req.params.participantId)));
  app.post(
    '/2/dm_conversations/:conversationId/messages',
    ...sendDm((req) => {
      const [a, b] = String(req.params.conversationId).split('-');
      if (a === options.userId && b) return b;
      if (b === options.userId && a) return a;
      return null;
    }),
  );
  app.post('/2/tweets', express.json({ limit: '1mb' }), (req, res) => {
    if (!admit(req, res, X_ENDPOINTS.postTweet)) return;
    const body = (req.body ?? {}) as { text?: unknown; reply?: { in_reply_to_tweet_id?: unknown }; media?: { media_ids?: unknown } };
    // §7: 1-4 media ids, each a finalized upload of this account.
    const mediaIds = body.media?.media_ids;
    if (mediaIds !== undefined && (!Array.isArray(mediaIds) || mediaIds.length < 1 || mediaIds.length > 4 || !mediaIds.every((id) => media.attachable(id)))) {
      return void invalidRequest(res, { 'media.media_ids': [JSON.stringify(mediaIds)] }, 'media.media_ids must be 1 to 4 ids of finalized uploads');
    }
    if (typeof body.text !== 'string' || (body.text.length === 0 && !mediaIds)) return void invalidRequest(res, { text: [String(body.text)] }, 'text must be given');
    const inReplyToId = body.reply?.in_reply_to_tweet_id;
    if (inReplyToId !== undefined && (typeof inReplyToId !== 'string' || !tweets.live().some((tweet) => tweet.id === inReplyToId))) {
      return void invalidRequest(res, { 'reply.in_reply_to_tweet_id': [String(inReplyToId)] }, 'The post you are replying to does not exist');
    }
    if (tweets.isDuplicate(body.text)) {
      // Contract §7 [obs]: duplicate text is a 403 with these words.
      return void res
        .status(403)
        .type(PROBLEM_TYPE)
        .send(JSON.stringify({ title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You are not allowed to create a Tweet with duplicate content.' }));
    }
    const tweet = tweets.add({ id: ids.next(), text: body.text, inReplyToId, mediaIds: (mediaIds as string[] | undefined) ?? [], at: now() });
    if (postAnswers.toSkip > 0) postAnswers.toSkip -= 1;
    else if (postAnswers.toLose > 0) {
      postAnswers.toLose -= 1;
      res.socket?.destroy();
      return;
    }
    res.status(201).type('application/json; charset=utf-8').send(JSON.stringify({ data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } }));
  });
  app.get('/2/users/:id/tweets', (req, res) => {
    if (!admit(req, res, X_ENDPOINTS.readPosts)) return;
    const query = new URL(req.originalUrl, 'http://fake.invalid').searchParams;
    const maxResults = Number(query.get('max_results') ?? '10');
    if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 100) {
      return void invalidRequest(res, { max_results: [String(query.get('max_results'))] }, `The \`max_results\` query parameter value [${query.get('max_results')}] is not between 5 and 100`);
    }
    const startTime = query.get('start_time');
    if (startTime !== null && Number.isNaN(Date.parse(startTime))) {
      return void invalidRequest(res, { start_time: [startTime] }, 'The `start_time` query parameter value is not a valid ISO 8601 time');
    }
    const token = query.get('pagination_token');
    if (token !== null && decodeToken(token) === null) {
      return void invalidRequest(res, { pagination_token: [token] }, 'The `pagination_token` query parameter value is not valid');
    }
    const posts = req.params.id === options.userId ? tweets.live() : [];
    res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(postTimelinePage(posts, query)));
  });
  app.delete('/2/tweets/:id', (req, res) => {
    if (!admit(req, res, X_ENDPOINTS.deleteTweet)) return;
    const id = String(req.params.id);
    if (!tweets.remove(id)) {
      return void res
        .status(404)
        .type(PROBLEM_TYPE)
        .send(JSON.stringify({ title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found', detail: `Could not find tweet with id: [${id}].` }));
    }
    res.status(200).type('application/json; charset=utf-8').send(JSON.stringify({ data: { deleted: true } }));
  });
  media.mount(app, (req, res) => admit(req, res, X_ENDPOINTS.uploadMedia), invalidRequest);
  app.use((req, res) => {
    res.status(404).type(PROBLEM_TYPE).send(JSON.stringify({ title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found', detail: `No route ${req.method} ${req.path}` }));
  });

  const server = app.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    tweets,
    media,
    rateLimits,
    async sendUserDm(dm) {
      store.users.set(dm.userId, { id: dm.userId, name: dm.name ?? `User ${dm.userId.slice(-4)}`, username: dm.username ?? `user${dm.userId.slice(-6)}` });
      const id = dm.id ?? ids.next();
      const media: XMedia | undefined = dm.mediaUrl ? { mediaKey: `3_${id}`, idStr: id, type: 'photo', url: dm.mediaUrl } : undefined;
      const event: DmEvent = {
        id,
        text: dm.text,
        senderId: dm.userId,
        recipientId: options.userId,
        conversationId: oneToOneConversationId(dm.userId, options.userId),
        createdAtMs: now(),
        ...(media ? { media } : {}),
      };
      store.add(event);
      return { id, webhookStatus: await deliverActivity(event) };
    },
    setWebhookUrl: (url) => delivery.setUrl(url),
    checkCrc: () => delivery.checkCrc(),
    deliverRaw: (body, rawOptions) => delivery.post(body, rawOptions?.signature),
    async redeliver(eventId) {
      const event = store.all().find((candidate) => candidate.id === eventId);
      if (!event) throw new Error(`fake-x: no event ${eventId}`);
      return delivery.post(JSON.stringify(directMessageActivity(options.userId, event, store.users)));
    },
    sentDms,
    nextSentDm(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          sentWaiters.delete(waiter);
          reject(new Error(`fake-x: no DM sent within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (dm: SentDm) => {
          clearTimeout(timer);
          sentWaiters.delete(waiter);
          resolve(dm);
        };
        sentWaiters.add(waiter);
      });
    },
    sendAttempts,
    loseNextPostAnswers(count, skip = 0) {
      postAnswers.toLose = count;
      postAnswers.toSkip = skip;
    },
    holdOwnDms() {
      heldOwnDms ??= [];
    },
    async releaseOwnDms() {
      const released = heldOwnDms ?? [];
      heldOwnDms = null;
      for (const event of released) store.add(event);
      for (const event of released) await deliverActivity(event);
    },
    setSendResponseDelay: (ms) => {
      sendResponseDelayMs = ms;
    },
    failNext(endpoint, count, error) {
      const queue = injected.get(endpoint) ?? [];
      for (let n = 0; n < count; n += 1) queue.push(error);
      injected.set(endpoint, queue);
    },
    exhaustRateLimit: (endpoint, resetInMs, shape) => rateLimits.exhaust(endpoint, resetInMs, shape),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * OAuth 1.0a user context (contract §5: app-only bearer is refused for DMs). The signature is
 * computed by the client over the rewritten URL, so the fake checks the consumer key and token.
 */
function isSignedForUs(req: Request, options: FakeXOptions): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('OAuth ')) return false;
  const params = new Map(
    [...header.slice('OAuth '.length).matchAll(/([a-z_]+)="([^"]*)"/g)].map((match) => [match[1], decodeURIComponent(match[2] ?? '')]),
  );
  return params.get('oauth_consumer_key') === options.consumerKey && params.get('oauth_token') === options.accessToken && params.has('oauth_signature');
}

function invalidRequest(res: Response, parameters: Record<string, string[]>, message: string): void {
  res
    .status(400)
    .type(PROBLEM_TYPE)
    .send(
      JSON.stringify({
        errors: [{ parameters, message }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      }),
    );
}
