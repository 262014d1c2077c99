import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { MessageView, ThreadSummary } from '../../shared/api';
import type { AgentToServerEvents, ServerToAgentEvents } from '../../shared/socket';
import { createAgent } from '../../server/auth/agents.service';
import { loadConfig, type DeskConfig } from '../../server/config';
import { startDesk, type Desk } from '../../server/desk';
import { createLogger } from '../../server/logger';
import { startFakeFacebook, type FakeFacebook, type FakeFacebookOptions } from '../fake-facebook/server';
import { startFakeX, type FakeX } from '../fake-x/server';
import { firstPush } from './agent-pushes';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_PAGE_ID = '104857600000001';
export const TEST_APP_SECRET = 'fake-app-secret-for-tests';
export const TEST_VERIFY_TOKEN = 'verify-me';
export const TEST_PAGE_TOKEN = 'EAAB-test-page-token';
export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_X = {
  userId: '1578398451921985538',
  consumerKey: 'x-test-consumer-key',
  consumerSecret: 'x-test-consumer-secret',
  accessToken: 'x-test-access-token',
  accessTokenSecret: 'x-test-access-secret',
};

export type AgentSocket = Socket<ServerToAgentEvents, AgentToServerEvents>;

export interface TestDesk {
  desk: Desk;
  /** What the desk was started with: a test can start a second web process on the same Redis and database. */
  config: DeskConfig;
  url: string;
  facebook: FakeFacebook;
  /** The fake X API, when the desk was started with `x` (null otherwise). */
  x: FakeX | null;
  redisPrefix: string;
  /** The settings the desk was started with: a second process (e.g. a worker) started with them joins the same desk. */
  environment: Record<string, string>;
  /** Creates an agent and signs in; returns the session cookie. */
  signIn(role?: 'agent' | 'supervisor' | 'admin'): Promise<{ cookie: string; agentId: string; email: string }>;
  connectAgent(cookie: string): Promise<AgentSocket>;
  api(path: string, init?: { method?: string; cookie?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  /** Resolves with what the fake Send API accepted with exactly this text (automatic replies go there too). */
  sentToFacebook(text: string): Promise<FakeFacebook['sentMessages'][number]>;
  /** Resolves once no inbound job is waiting, delayed or running. */
  inboundSettled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A whole desk for one test file, with the real parts: its own database, its own Redis key
 * prefix (so files run in parallel), and a fake Facebook Graph server over real HTTP — plus a
 * fake X API, polled (and with Account Activity if asked), when started with `x`.
 */
export async function startTestDesk(
  options: {
    environment?: Record<string, string>;
    facebook?: Partial<FakeFacebookOptions>;
    x?: { hasAccountActivity: boolean };
    /** A Redis of the test's own (fault tests stop and start it). */
    redisUrl?: string;
    /** A database of the test's own (fault tests reach it through a proxy they cut); dropped on close. */
    database?: TestDatabase;
  } = {},
): Promise<TestDesk> {
  const database = options.database ?? (await createTestDatabase());
  const facebook = await startFakeFacebook({
    appSecret: TEST_APP_SECRET,
    pageId: TEST_PAGE_ID,
    pageAccessToken: TEST_PAGE_TOKEN,
    ...options.facebook,
  });
  const x = options.x ? await startFakeX({ ...TEST_X }) : null;
  const xEnvironment: Record<string, string> = x
    ? {
        X_USER_ID: TEST_X.userId,
        X_ACCOUNT_NAME: 'Anytown Police on X',
        X_CONSUMER_KEY: TEST_X.consumerKey,
        X_CONSUMER_SECRET: TEST_X.consumerSecret,
        X_ACCESS_TOKEN: TEST_X.accessToken,
        X_ACCESS_TOKEN_SECRET: TEST_X.accessTokenSecret,
        X_API_URL: x.baseUrl,
        X_ACCOUNT_ACTIVITY: String(options.x?.hasAccountActivity ?? false),
        // The whole budget: a poll every 3 s keeps the tests short.
        X_POLL_SHARE: '1',
      }
    : {};
  const redisPrefix = `sdtest${randomBytes(5).toString('hex')}`;
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const environment: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    FACEBOOK_PAGE_ID: TEST_PAGE_ID,
    FACEBOOK_PAGE_NAME: 'Anytown Police',
    FACEBOOK_PAGE_ACCESS_TOKEN: TEST_PAGE_TOKEN,
    FACEBOOK_APP_SECRET: TEST_APP_SECRET,
    FACEBOOK_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    FACEBOOK_GRAPH_URL: facebook.baseUrl,
    ...xEnvironment,
    // Polling only where a test asks for it (and runs a poll itself): webhooks are the subject elsewhere.
    FACEBOOK_POLL_INTERVAL_MS: '0',
    // Automatic acknowledgements only where a test is about them: elsewhere they are noise in the sends.
    AUTO_ACKNOWLEDGEMENT: 'false',
    ...('url' in database.location ? { DATABASE_URL: database.location.url } : {}),
    ...options.environment,
  };
  const config = loadConfig(environment);
  const logger = createLogger(config.logLevel);
  const deskConfig: DeskConfig = { ...config, database: database.location };
  const desk = await startDesk(deskConfig, logger);
  const url = desk.url!;
  facebook.setWebhookUrl(`${url}/webhooks/facebook`);
  if (x && options.x?.hasAccountActivity) x.setWebhookUrl(`${url}/webhooks/twitter`);
  const sockets: AgentSocket[] = [];

  const api: TestDesk['api'] = async (path, init = {}) => {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };

  return {
    desk,
    config: deskConfig,
    url,
    facebook,
    x,
    redisPrefix,
    environment,
    api,
    sentToFacebook: (text) => eventually(async () => facebook.sentMessages.find((sent) => sent.text === text)),
    async inboundSettled() {
      await eventually(async () => {
        const counts = await desk.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((value) => value === 0);
      });
    },
    async signIn(role = 'agent') {
      const email = `${role}-${randomUUID().slice(0, 8)}@desk.test`;
      const agent = await createAgent(desk.database.db, { name: `Test ${role}`, email, password: TEST_PASSWORD, role });
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
      const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
      return { cookie, agentId: agent.id, email };
    },
    async connectAgent(cookie) {
      const socket: AgentSocket = connectSocket(url, { path: '/socket.io', extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await desk.close();
      await facebook.close();
      await x?.close();
      await database.drop();
      await deleteKeys(redisUrl, redisPrefix);
    },
  };
}

/**
 * Resolves with the first event of that name matching the predicate. A thread update or a new
 * message may come batched in `inbox:changes`: wait for those with `nextThreadUpdate` or
 * `nextNewMessage` (./agent-pushes).
 */
export function nextEvent<Name extends keyof ServerToAgentEvents>(
  socket: AgentSocket,
  name: Name,
  matches: (payload: Parameters<ServerToAgentEvents[Name]>[0]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToAgentEvents[Name]>[0]> {
  return firstPush<Parameters<ServerToAgentEvents[Name]>[0]>(
    (listener) => {
      socket.on(name, listener as never);
      return () => socket.off(name, listener as never);
    },
    String(name),
    matches,
    timeoutMs,
  );
}

export type { MessageView, ThreadSummary };

/** Polls until the check returns a value (not undefined/false), or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function deleteKeys(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
