import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { EscalationView, MessageView, ThreadSummary } from '../../shared/api';
import type { ServerToAgentEvents } from '../../shared/socket';

/** Room every signed-in agent's socket joins (the server puts it there after authenticating). */
export const INBOX_ROOM = 'inbox';

export interface AgentNotifier {
  threadUpdated(thread: ThreadSummary): void;
  messageCreated(message: MessageView): void;
  messageUpdated(message: MessageView): void;
  /** An inbound message triaged as an emergency: every agent is alerted, whatever they have open. */
  emergency(thread: ThreadSummary): void;
  escalationUpdated(escalation: EscalationView): void;
}

/**
 * Publishes through Redis to whichever web process holds each agent's socket, so a worker
 * process without a Socket.IO server can notify agents too.
 */
export function createAgentNotifier(redis: Redis, adapterKey: string): AgentNotifier {
  const emitter = new Emitter<ServerToAgentEvents>(redis, { key: adapterKey });
  const inbox = () => emitter.to(INBOX_ROOM);
  return {
    threadUpdated: (thread) => inbox().emit('thread:updated', thread),
    messageCreated: (message) => inbox().emit('message:created', message),
    messageUpdated: (message) => inbox().emit('message:updated', message),
    emergency: (thread) => inbox().emit('thread:emergency', thread),
    escalationUpdated: (escalation) => inbox().emit('escalation:updated', escalation),
  };
}
