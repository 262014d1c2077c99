import type { Emitter } from '@socket.io/redis-emitter';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { normaliseChatMessage, WEBSITE_ACCOUNT_ID, type VisitorDelivery, type VisitorTokens } from '../../connectors/webchat';
import { inboundJobId } from '../../shared/inbound';
import { typingInThreadSchema } from '../../shared/socket';
import {
  VISITOR_NAMESPACE,
  visitorMessageSchema,
  type ServerToVisitorEvents,
  type VisitorAck,
  type VisitorToServerEvents,
} from '../../shared/public-contact';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';
import { INBOX_ROOM } from '../realtime/agent-notifier';
import type { AgentSocketServer } from '../realtime/gateway';
import { findConversationThread, findWebchatConversationId, loadPublicLines, waitForConversationThread } from './public-threads';
import type { PublicRateLimits } from './rate-limits';
import { authorizeSocketEvents } from '../realtime/socket-policy';

type VisitorSocket = Socket<VisitorToServerEvents, ServerToVisitorEvents, Record<string, never>, { conversationId: string }>;

export interface VisitorGatewayDependencies {
  io: AgentSocketServer;
  db: Database;
  queues: DeskQueues;
  tokens: VisitorTokens;
  limits: PublicRateLimits;
  logger: Logger;
  /** Behind the production load balancer (as Express's `trust proxy`): the client is in X-Forwarded-For. */
  trustProxy: boolean;
}

export const visitorRoom = (conversationId: string) => `visitor:${conversationId}`;

/**
 * The web chat's own namespace on the agents' Socket.IO server. A visitor's socket is let in only
 * with a token the desk issued, and joins only its own conversation's room; agents' events go
 * to the inbox room, as for every channel.
 */
export function startVisitorGateway(dependencies: VisitorGatewayDependencies): { close(): Promise<void> } {
  const { io, tokens, limits, logger } = dependencies;
  // Work a socket event started must finish before Redis and the database close under it; and
  // sockets dropped by our own shutdown are not visitors leaving.
  const inFlight = new Set<Promise<unknown>>();
  let isClosing = false;
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as Namespace<VisitorToServerEvents, ServerToVisitorEvents>;

  visitors.use(async (socket, next) => {
    try {
      if (!(await limits.allows('visitorConnectionsPerIp', addressOf(socket, dependencies.trustProxy)))) return next(new Error('rate_limited'));
      const conversationId = tokens.verify((socket.handshake.auth as { token?: unknown }).token);
      if (!conversationId) return next(new Error('invalid_token'));
      socket.data.conversationId = conversationId;
      next();
    } catch (error) {
      logger.error({ err: error }, 'visitor handshake failed');
      next(new Error('unavailable'));
    }
  });

  visitors.on('connection', (rawSocket) => {
    const socket = rawSocket as VisitorSocket;
    const { conversationId } = socket.data;
    authorizeSocketEvents(rawSocket, { agent: null }, null, logger);
    void socket.join(visitorRoom(conversationId));
    track(announcePresence(dependencies, conversationId, true));

    socket.on('visitor:history', (ack) => {
      if (typeof ack !== 'function') return;
      track(
        loadHistory(dependencies, conversationId).then(ack, (error: unknown) => {
          logger.error({ err: error }, 'visitor history failed');
          ack({ reference: null, lines: [] });
        }),
      );
    });
    socket.on('visitor:message', (payload, ack) => {
      if (typeof ack !== 'function') return;
      track(
        receiveMessage(dependencies, socket, payload, track).then(ack, (error: unknown) => {
          logger.error({ err: error }, 'visitor message not taken');
          ack({ ok: false, code: 'unavailable' });
        }),
      );
    });
    socket.on('visitor:typing', (isTyping) => {
      track(tellAgents(dependencies, conversationId, (inbox, threadId) => inbox.emit('visitor:typing', { threadId, isTyping: isTyping === true })));
    });
    socket.on('disconnect', () => {
      if (isClosing) return;
      // Another tab of the same visitor may still be open, on this process or another.
      track(
        stillHere(visitors, conversationId).then(
          (isPresent) => (isPresent ? undefined : announcePresence(dependencies, conversationId, false)),
          (error: unknown) => logger.warn({ err: error }, 'could not tell whether a visitor is still here'),
        ),
      );
    });
  });

  const agentPresenceSchema = z.object({ threadId: z.string().uuid() });
  io.on('connection', (agentSocket) => {
    agentSocket.on('thread:typing', (payload) => {
      const parsed = typingInThreadSchema.safeParse(payload);
      if (!parsed.success) return;
      track(relayAgentTyping(dependencies, visitors, parsed.data.threadId, parsed.data.isTyping));
    });
    agentSocket.on('thread:visitor-presence', (payload, ack) => {
      const parsed = agentPresenceSchema.safeParse(payload);
      if (!parsed.success || typeof ack !== 'function') return;
      track(
        isVisitorHere(dependencies, visitors, parsed.data.threadId).then(ack, (error: unknown) => {
          logger.warn({ err: error }, 'could not tell an agent whether the visitor is here');
          ack(null);
        }),
      );
    });
  });

  return {
    async close() {
      isClosing = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** How the webchat connector reaches a visitor's tabs, from a web or a worker process alike. */
export function createVisitorDelivery(emitter: Emitter): VisitorDelivery {
  const visitors = emitter.of(VISITOR_NAMESPACE) as unknown as Emitter<ServerToVisitorEvents>;
  return {
    deliver: (conversationId, line) => visitors.to(visitorRoom(conversationId)).emit('chat:line', line),
  };
}

async function loadHistory(dependencies: VisitorGatewayDependencies, conversationId: string) {
  const thread = await findConversationThread(dependencies.db, 'webchat', conversationId);
  if (!thread) return { reference: null, lines: [] };
  return { reference: thread.reference, lines: await loadPublicLines(dependencies.db, thread.id) };
}

async function receiveMessage(
  dependencies: VisitorGatewayDependencies,
  socket: VisitorSocket,
  payload: unknown,
  track: (work: Promise<unknown>) => void,
): Promise<VisitorAck> {
  const { conversationId } = socket.data;
  const parsed = visitorMessageSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, code: 'invalid' };
  const { limits } = dependencies;
  const allowed =
    (await limits.allows('chatMessagesPerToken', conversationId)) && (await limits.allows('chatMessagesPerIp', addressOf(socket, dependencies.trustProxy)));
  if (!allowed) return { ok: false, code: 'rate_limited' };

  const hadThread = (await findConversationThread(dependencies.db, 'webchat', conversationId)) !== null;
  const event = normaliseChatMessage(WEBSITE_ACCOUNT_ID, conversationId, parsed.data, new Date());
  await dependencies.queues.inbound.add('webchat-message', event, { jobId: inboundJobId(event) });
  if (!hadThread) {
    track(
      sendReferenceOnceKnown(dependencies, socket, conversationId).catch((error: unknown) =>
        dependencies.logger.warn({ err: error }, 'could not send a web chat visitor their reference'),
      ),
    );
  }
  return { ok: true };
}

/** The first message opens the thread in the worker; its reference is the visitor's acknowledgement. */
async function sendReferenceOnceKnown(dependencies: VisitorGatewayDependencies, socket: VisitorSocket, conversationId: string) {
  const thread = await waitForConversationThread(dependencies.db, 'webchat', conversationId);
  if (!thread) {
    dependencies.logger.warn({ conversationId }, 'web chat thread did not appear in time for its reference');
    return;
  }
  socket.nsp.to(visitorRoom(conversationId)).emit('chat:reference', thread.reference);
  await announcePresence(dependencies, conversationId, true);
}

/** One proxy hop is trusted, as in the Express app: its address is the last in the header. */
function addressOf(socket: { handshake: { address: string; headers: Record<string, string | string[] | undefined> } }, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  const last = typeof forwarded === 'string' ? forwarded.split(',').pop()?.trim() : undefined;
  return trustProxy && last ? last : socket.handshake.address;
}

async function isVisitorHere(dependencies: VisitorGatewayDependencies, visitors: Namespace, threadId: string): Promise<boolean | null> {
  const conversationId = await findWebchatConversationId(dependencies.db, threadId);
  return conversationId ? stillHere(visitors, conversationId) : null;
}

async function stillHere(visitors: Namespace, conversationId: string): Promise<boolean> {
  const sockets = await visitors.in(visitorRoom(conversationId)).fetchSockets();
  return sockets.length > 0;
}

function announcePresence(dependencies: VisitorGatewayDependencies, conversationId: string, isPresent: boolean) {
  return tellAgents(dependencies, conversationId, (inbox, threadId) => inbox.emit('visitor:presence', { threadId, isPresent }));
}

type Inbox = ReturnType<AgentSocketServer['to']>;

/** Tells every agent something about a visitor, on the visitor's thread (none until they have said something). */
async function tellAgents(dependencies: VisitorGatewayDependencies, conversationId: string, tell: (inbox: Inbox, threadId: string) => void) {
  try {
    const thread = await findConversationThread(dependencies.db, 'webchat', conversationId);
    if (thread) tell(dependencies.io.to(INBOX_ROOM), thread.id);
  } catch (error) {
    dependencies.logger.warn({ err: error }, 'could not tell agents about a visitor');
  }
}

async function relayAgentTyping(
  dependencies: VisitorGatewayDependencies,
  visitors: Namespace<VisitorToServerEvents, ServerToVisitorEvents>,
  threadId: string,
  isTyping: boolean,
) {
  try {
    const conversationId = await findWebchatConversationId(dependencies.db, threadId);
    if (conversationId) visitors.to(visitorRoom(conversationId)).emit('chat:typing', isTyping);
  } catch (error) {
    dependencies.logger.warn({ err: error, threadId }, 'could not relay agent typing');
  }
}
