import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { AgentRole } from '../../shared/constants';
import { VISITOR_NAMESPACE } from '../../shared/public-contact';
import type { SocketRefusal } from '../../shared/socket';
import type { ThreadAccess } from '../access/thread-access';
import { ANY_AGENT } from '../auth/route-policy';
import type { Logger } from '../logger';

export const VISITOR = 'visitor with a chat token';

/**
 * Who may send each Socket.IO event, per namespace: the socket counterpart of
 * server/auth/route-policy.ts, applied to every incoming event by one per-socket middleware
 * (`authorizeSocketEvents`). An event without a rule is refused; the authorization matrix test
 * fails for a handler without one. Adding an event: add its line here.
 */
export interface SocketEventRule {
  who: typeof ANY_AGENT | readonly AgentRole[] | typeof VISITOR;
  /** Need-to-know: the thread the payload names must be one the agent may read. */
  threadOf?: (payload: unknown) => unknown;
}

export const SOCKET_EVENT_RULES: Record<string, Record<string, SocketEventRule>> = {
  '/': {
    'thread:viewing': { who: ANY_AGENT, threadOf: (threadId) => threadId },
    'thread:typing': { who: ANY_AGENT, threadOf: (event) => (event as { threadId?: unknown } | null)?.threadId },
    'thread:visitor-presence': { who: ANY_AGENT, threadOf: (event) => (event as { threadId?: unknown } | null)?.threadId },
  },
  [VISITOR_NAMESPACE]: {
    'visitor:history': { who: VISITOR },
    'visitor:message': { who: VISITOR },
    'visitor:typing': { who: VISITOR },
  },
};

/** Socket.IO's own events, raised by the server, never sent by a client. */
export const RESERVED_SOCKET_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

export interface SocketCaller {
  /** Null for a web chat visitor. */
  agent: { id: string; role: AgentRole } | null;
}

const threadIdSchema = z.string().uuid();

/**
 * Checks every event a socket sends against its namespace's rules before any handler sees it; a
 * refused event is answered with `event:refused` (and its handlers never run).
 */
export function authorizeSocketEvents(socket: Socket, caller: SocketCaller, access: ThreadAccess | null, logger: Logger): void {
  const rules = SOCKET_EVENT_RULES[socket.nsp.name] ?? {};
  const refuse = (event: string, refusal: Omit<SocketRefusal, 'event'>) => {
    logger.info({ event, code: refusal.code, agentId: caller.agent?.id }, 'socket event refused');
    socket.emit('event:refused', { event, ...refusal } satisfies SocketRefusal);
  };
  socket.use(([event, payload], next) => {
    const rule = rules[event];
    if (!rule) return refuse(event, { code: 'no_rule', message: `No authorization rule for the event ${event}.` });
    const { agent } = caller;
    if (rule.who === VISITOR) return next(); // the visitor namespace lets in only sockets with a chat token
    if (!agent) return refuse(event, { code: 'not_signed_in', message: 'Sign in to continue.' });
    if (rule.who !== ANY_AGENT && !rule.who.includes(agent.role)) return refuse(event, { code: 'not_permitted', message: `Only a ${rule.who.join(' or ')} can do this.` });
    const threadId = threadIdSchema.safeParse(rule.threadOf?.(payload));
    if (!access || !threadId.success) return next(); // no thread named: the handler validates its payload
    access.verdict(agent.id, threadId.data).then(
      (verdict) => (verdict === 'readable' ? next() : refuse(event, { code: 'thread_restricted', message: 'You cannot read this thread.' })),
      (error: unknown) => {
        logger.warn({ err: error, event }, 'socket event not authorised: thread access unknown');
        refuse(event, { code: 'unavailable', message: 'Try again.' });
      },
    );
  });
}
