import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { EscalationView, MessageView, ThreadSummary } from '../../shared/api';
import type { NoteMention, ServerToAgentEvents } from '../../shared/socket';
import { agentRoom } from '../access/thread-access';
import type { ThreadAccess } from '../access/thread-access';
import type { Logger } from '../logger';
import { redactThread } from '../threads/threads.presenter';

/** Room every signed-in agent's socket joins (the server puts it there after authenticating). */
export const INBOX_ROOM = 'inbox';

export interface AgentNotifier {
  threadUpdated(thread: ThreadSummary): void;
  messageCreated(message: MessageView): void;
  messageUpdated(message: MessageView): void;
  /** An inbound message triaged as an emergency: every agent is alerted, whatever they have open. */
  emergency(thread: ThreadSummary): void;
  escalationUpdated(escalation: EscalationView): void;
  /** Tells one agent, on every tab they have open, that a colleague mentioned them in a note. */
  noteMentioned(agentId: string, mention: NoteMention): void;
}

/**
 * Publishes through Redis to whichever web process holds each agent's socket, so a worker
 * process without a Socket.IO server can notify agents too. A restricted thread's content goes
 * only to the rooms of those cleared to read it; the rest of the inbox gets it redacted, and
 * none of its messages.
 */
export function createAgentNotifier(redis: Redis, adapterKey: string, access: ThreadAccess, logger: Logger): AgentNotifier {
  const emitter = new Emitter<ServerToAgentEvents>(redis, { key: adapterKey });
  const inbox = () => emitter.to(INBOX_ROOM);

  const pushThread = (event: 'thread:updated' | 'thread:emergency', thread: ThreadSummary) =>
    guard(async () => {
      if (!thread.restricted) return void inbox().emit(event, thread);
      const { rooms } = await access.audienceOf(thread.id);
      if (rooms.length > 0) emitter.to(rooms).emit(event, thread);
      inbox().except(rooms).emit(event, redactThread(thread));
    });

  const pushMessage = (event: 'message:created' | 'message:updated', message: MessageView) =>
    guard(async () => {
      const { restricted, rooms } = await access.audienceOf(message.threadId);
      if (!restricted) return void inbox().emit(event, message);
      if (rooms.length > 0) emitter.to(rooms).emit(event, message);
    });

  // Pushes are fire-and-forget for their callers: a failure is logged here, once.
  const guard = (push: () => Promise<void>) => {
    push().catch((error: unknown) => logger.error({ err: error }, 'push to agents failed'));
  };

  return {
    threadUpdated: (thread) => pushThread('thread:updated', thread),
    messageCreated: (message) => pushMessage('message:created', message),
    messageUpdated: (message) => pushMessage('message:updated', message),
    emergency: (thread) => pushThread('thread:emergency', thread),
    escalationUpdated: (escalation) => inbox().emit('escalation:updated', escalation),
    noteMentioned: (agentId, mention) => void emitter.to(agentRoom(agentId)).emit('note:mentioned', mention),
  };
}
