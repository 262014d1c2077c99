import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '../../shared/api-tokens';
import type { AgentRole } from '../../shared/constants';
import { VISITOR_NAMESPACE } from '../../shared/public-contact';
import type { SocketRefusal } from '../../shared/socket';
import { eventually, type AgentSocket, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { threads } from '../db/schema';
import { listRegisteredRoutes, type RegisteredRoute } from '../http/registered-routes';
import { RESERVED_SOCKET_EVENTS, SOCKET_EVENT_RULES } from '../realtime/socket-policy';
import { ANY_AGENT, PUBLIC, ROUTE_RULES, type RouteRule } from './route-policy';

// The authorization matrix (issue 11): every registered route and socket event, asked over real
// HTTP and Socket.IO by each kind of caller, is let through or refused exactly as the policy
// tables say — and a route or event without a rule fails here, by name.

type Caller =
  | { kind: 'anonymous'; label: string }
  | { kind: 'staff'; label: string; role: AgentRole; cookie: string }
  | { kind: 'token'; label: string; scope: ApiTokenScope; secret: string };

let desk: TestDesk;
let callers: Caller[];
let readableThreadId: string;
let restrictedThreadId: string;

async function threadFrom(psid: string, text: string, isRestricted: boolean) {
  await desk.facebook.sendUserMessage({ psid, text });
  const row = await eventually(async () => {
    const [found] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid));
    return found && found.restricted === isRestricted ? found : undefined;
  });
  return row.id;
}

beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: true } });
  const staff = await Promise.all((['agent', 'supervisor', 'admin'] as const).map(async (role) => ({ role, ...(await desk.signIn(role)) })));
  const admin = staff.find((member) => member.role === 'admin')!;
  const tokens = await Promise.all(
    API_TOKEN_SCOPES.map(async (scope) => {
      const created = await desk.api('/api/api-tokens', { cookie: admin.cookie, body: { name: `Matrix ${scope}`, scopes: [scope] } });
      return { kind: 'token' as const, label: `API token (${scope})`, scope, secret: created.body.secret as string };
    }),
  );
  callers = [
    { kind: 'anonymous', label: 'anonymous' },
    ...staff.map(({ role, cookie }) => ({ kind: 'staff' as const, label: role, role, cookie })),
    ...tokens,
  ];
  readableThreadId = await threadFrom('7900000000000001', 'Where can I hand in a lost wallet I found in the park', false);
  restrictedThreadId = await threadFrom('7900000000000002', 'I was raped by my landlord last month and I am scared to report it', true);
});
afterAll(async () => {
  await desk?.close();
});

const keyOf = (route: RegisteredRoute) => `${route.method} ${route.path}`;

/** What the table says this caller may do. */
function isAllowedBy(rule: RouteRule, caller: Caller): boolean {
  if (rule.who === PUBLIC) return true;
  if (caller.kind === 'anonymous') return false;
  if (caller.kind === 'token') return rule.scope === caller.scope;
  return rule.who === ANY_AGENT || rule.who.includes(caller.role);
}

// The layer's own refusals; a handler's 403 (a bad webhook signature, a business rule) is not one.
const LAYER_REFUSALS = new Set(['not_signed_in', 'token_invalid', 'not_permitted', 'scope_not_granted']);

async function call(key: string, caller: Caller): Promise<{ status: number; code?: string }> {
  const [method, pattern] = key.split(' ') as [string, string];
  const path = pattern.replace(/:(\w+)/g, (_match, name: string) => (name === 'threadId' ? readableThreadId : name === 'channel' ? 'facebook' : randomUUID()));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  // Signing out ends the session: a session of its own, so the other rows keep theirs.
  if (caller.kind === 'staff') headers.cookie = key === 'POST /api/auth/logout' ? (await desk.signIn(caller.role)).cookie : caller.cookie;
  if (caller.kind === 'token') headers.authorization = `Bearer ${caller.secret}`;
  const response = await fetch(`${desk.url}${path}`, { method, headers, body: method === 'GET' ? undefined : '{}' });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = JSON.parse(text)?.error?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, code };
}

describe('the REST authorization matrix', () => {
  it('has a rule for every registered route', () => {
    const routes = listRegisteredRoutes(desk.desk.web!.app);
    // The built client's fallbacks are the only pattern routes, and they never answer for the API.
    const patternRoutes = routes.filter((route) => route.isPattern);
    for (const route of patternRoutes) expect(route.method).toBe('GET');
    const missing = routes.filter((route) => !route.isPattern && !(keyOf(route) in ROUTE_RULES)).map((route) => `${keyOf(route)} has no rule in server/auth/route-policy.ts`);
    expect(missing).toEqual([]);
  });

  it('has no rule for a route that does not exist', () => {
    const registered = new Set(listRegisteredRoutes(desk.desk.web!.app).map(keyOf));
    expect(Object.keys(ROUTE_RULES).filter((key) => !registered.has(key))).toEqual([]);
  });

  it('lets each caller through, or refuses it, exactly as the rules say', async () => {
    const mismatches: string[] = [];
    for (const key of Object.keys(ROUTE_RULES)) {
      for (const caller of callers) {
        const expected = isAllowedBy(ROUTE_RULES[key]!, caller);
        const { status, code } = await call(key, caller);
        const wasRefused = (status === 401 || status === 403) && LAYER_REFUSALS.has(code ?? '');
        if (wasRefused === expected) mismatches.push(`${key} as ${caller.label}: expected ${expected ? 'allowed' : 'refused'}, got ${status} ${code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a thread’s routes to a caller not cleared for the restricted thread', async () => {
    const agent = callers.find((caller) => caller.kind === 'staff' && caller.role === 'agent') as Extract<Caller, { kind: 'staff' }>;
    const threadRoutes = Object.keys(ROUTE_RULES).filter((key) => ROUTE_RULES[key]!.thread);
    const answers = await Promise.all(
      threadRoutes.map(async (key) => {
        const [method, pattern] = key.split(' ') as [string, string];
        const response = await fetch(`${desk.url}${pattern.replace(':threadId', restrictedThreadId)}`, {
          method,
          headers: { cookie: agent.cookie, 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{}',
        });
        return `${key} ${response.status}`;
      }),
    );
    expect(answers).toEqual(threadRoutes.map((key) => `${key} 403`));
  });

  it('answers an API path no rule names with 404, not with an unguarded handler', async () => {
    const agent = callers.find((caller) => caller.kind === 'staff') as Extract<Caller, { kind: 'staff' }>;
    const response = await desk.api('/api/threads/export-everything/now', { cookie: agent.cookie });
    expect(response.status).toBe(404);
  });
});

function refusalOf(socket: Socket, event: string, withinMs = 600): Promise<SocketRefusal | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('event:refused', listener);
      resolve(null);
    }, withinMs);
    const listener = (refusal: SocketRefusal) => {
      if (refusal.event !== event) return;
      clearTimeout(timer);
      socket.off('event:refused', listener);
      resolve(refusal);
    };
    socket.on('event:refused', listener);
  });
}

const AGENT_EVENT_PAYLOADS: Record<string, (threadId: string) => unknown[]> = {
  'thread:viewing': (threadId) => [threadId],
  'thread:typing': (threadId) => [{ threadId, isTyping: true }],
  'thread:visitor-presence': (threadId) => [{ threadId }, () => undefined],
};

async function connectVisitor(): Promise<Socket> {
  const session = await desk.api('/api/public/chat/session', { method: 'POST' });
  const socket = connectSocket(`${desk.url}${VISITOR_NAMESPACE}`, { path: '/socket.io', auth: { token: session.body.token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The event names the server's socket listens for, on the socket that serves this client. */
function handledEvents(namespace: string, clientSocket: Socket): string[] {
  const serverSocket = desk.desk.web!.io.of(namespace).sockets.get(clientSocket.id!);
  if (!serverSocket) throw new Error(`no server socket for ${clientSocket.id}`);
  return serverSocket.eventNames().map(String).filter((name) => !RESERVED_SOCKET_EVENTS.has(name));
}

describe('the Socket.IO authorization matrix', () => {
  it('has a rule for every event handler, in the agents’ and the visitors’ namespaces', async () => {
    const staff = callers.find((caller) => caller.kind === 'staff') as Extract<Caller, { kind: 'staff' }>;
    const agentSocket = await desk.connectAgent(staff.cookie);
    const visitorSocket = await connectVisitor();
    const missing = [
      ...handledEvents('/', agentSocket as unknown as Socket).filter((event) => !(event in SOCKET_EVENT_RULES['/']!)).map((event) => `agents' event ${event}`),
      ...handledEvents(VISITOR_NAMESPACE, visitorSocket).filter((event) => !(event in SOCKET_EVENT_RULES[VISITOR_NAMESPACE]!)).map((event) => `visitors' event ${event}`),
    ].map((what) => `${what} has no rule in server/realtime/socket-policy.ts`);
    visitorSocket.disconnect();
    expect(missing).toEqual([]);
    expect(Object.keys(AGENT_EVENT_PAYLOADS).sort()).toEqual(Object.keys(SOCKET_EVENT_RULES['/']!).sort());
  });

  it('refuses the agents’ socket to anyone without a session, API tokens included', async () => {
    const token = callers.find((caller) => caller.kind === 'token') as Extract<Caller, { kind: 'token' }>;
    for (const extraHeaders of [{}, { authorization: `Bearer ${token.secret}` }] as Array<Record<string, string>>) {
      const socket = connectSocket(desk.url, { path: '/socket.io', extraHeaders, transports: ['websocket'], reconnection: false });
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      socket.disconnect();
      expect(error.message).toBe('not_signed_in');
    }
  });

  it('lets every role send each event about a thread it may read, and refuses it for a restricted one', async () => {
    const outcomes: string[] = [];
    for (const caller of callers.filter((candidate) => candidate.kind === 'staff')) {
      const socket: AgentSocket = await desk.connectAgent(caller.cookie);
      for (const [event, payload] of Object.entries(AGENT_EVENT_PAYLOADS)) {
        const readable = refusalOf(socket as unknown as Socket, event);
        (socket as unknown as Socket).emit(event, ...payload(readableThreadId));
        outcomes.push(`${caller.label} ${event} readable: ${(await readable)?.code ?? 'allowed'}`);
        const restricted = refusalOf(socket as unknown as Socket, event);
        (socket as unknown as Socket).emit(event, ...payload(restrictedThreadId));
        outcomes.push(`${caller.label} ${event} restricted: ${(await restricted)?.code ?? 'allowed'}`);
      }
      socket.disconnect();
    }
    const expected = callers
      .filter((candidate) => candidate.kind === 'staff')
      .flatMap((caller) => Object.keys(AGENT_EVENT_PAYLOADS).flatMap((event) => [`${caller.label} ${event} readable: allowed`, `${caller.label} ${event} restricted: thread_restricted`]));
    expect(outcomes).toEqual(expected);
  });

  it('refuses an event no rule names', async () => {
    const staff = callers.find((caller) => caller.kind === 'staff') as Extract<Caller, { kind: 'staff' }>;
    const socket = (await desk.connectAgent(staff.cookie)) as unknown as Socket;
    const refusal = refusalOf(socket, 'thread:delete');
    socket.emit('thread:delete', { threadId: readableThreadId });
    expect((await refusal)?.code).toBe('no_rule');
  });
});
