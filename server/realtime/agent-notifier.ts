import type { Redis } from 'ioredis';
import type { EscalationView, MessageView, ThreadSummary } from '../../shared/api';
import type { NoteMention, ServerToAgentEvents } from '../../shared/socket';
import type { ApprovalView } from '../../shared/supervision';
import { agentRoom, type ThreadAccess } from '../access/thread-access';
import type { Logger } from '../logger';
import { redactEscalation } from '../escalations/escalations.service';
import { redactThread } from '../threads/threads.presenter';
import { createSocketEmitter } from './socket-emitter';

/** Room every signed-in agent's socket joins (the server puts it there after authenticating). */
export const INBOX_ROOM = 'inbox';
/** Room of supervisors' and admins' sockets: replies awaiting approval, agents' load. */
export const SUPERVISORS_ROOM = 'supervisors';

/**
 * Each push resolves once it is published (never rejects: a failure is logged). Callers may leave
 * it running; a queue job awaits it, so a worker killed mid-job has not yet completed a job whose
 * push was lost — the job runs again and pushes again.
 */
export interface AgentNotifier {
  threadUpdated(thread: ThreadSummary): Promise<void>;
  /**
   * A new message. Pass its thread when it is at hand (as just loaded for the same push): an
   * unrestricted thread's message then goes to the inbox without another look at the database.
   */
  messageCreated(message: MessageView, thread?: Pick<ThreadSummary, 'id' | 'restricted'> | null): Promise<void>;
  /**
   * Stored messages and their threads (each thread's state after them; the messages in the order
   * they were stored): the unrestricted ones reach every agent in one push instead of one per
   * thread and per message. A restricted thread and its messages go as `threadUpdated` and
   * `messageCreated` send them, so only those cleared for it get their content.
   */
  inboxChanged(threads: ThreadSummary[], messages: MessageView[]): Promise<void>;
  messageUpdated(message: MessageView): Promise<void>;
  /** An inbound message triaged as an emergency: every agent is alerted, whatever they have open. */
  emergency(thread: ThreadSummary): Promise<void>;
  escalationUpdated(escalation: EscalationView): void;
  /** A held reply changed: to supervisors cleared to read its thread, and to its author. */
  approvalUpdated(approval: ApprovalView): void;
  /** Agents' load changed: supervisors reload it. */
  loadChanged(): void;
  /** Who is on shift changed: every agent's shift bar reloads it. */
  shiftChanged(): void;
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
  const emitter = createSocketEmitter<ServerToAgentEvents>(redis, adapterKey, logger);
  const inbox = () => emitter.to(INBOX_ROOM);

  const pushThread = (event: 'thread:updated' | 'thread:emergency', thread: ThreadSummary) =>
    guard(async () => {
      if (!thread.restricted) return void inbox().emit(event, thread);
      const { rooms } = await access.audienceOf(thread.id);
      if (rooms.length > 0) emitter.to(rooms).emit(event, thread);
      inbox().except(rooms).emit(event, redactThread(thread));
    });

  const pushMessage = (event: 'message:created' | 'message:updated', message: MessageView, thread?: Pick<ThreadSummary, 'id' | 'restricted'> | null) =>
    guard(async () => {
      if (thread && thread.id === message.threadId && !thread.restricted) return void inbox().emit(event, message);
      const { restricted, rooms } = await access.audienceOf(message.threadId);
      if (!restricted) return void inbox().emit(event, message);
      if (rooms.length > 0) emitter.to(rooms).emit(event, message);
    });

  // A failure is logged here, once; callers need not await or catch.
  const guard = (push: () => Promise<void>): Promise<void> =>
    push().catch((error: unknown) => logger.error({ err: error }, 'push to agents failed'));

  // One frame per agent for the unrestricted threads and their messages, however many there are.
  const pushInboxChanges = async (threads: ThreadSummary[], messages: MessageView[]) => {
    const unrestricted = threads.filter((thread) => !thread.restricted);
    const unrestrictedIds = new Set(unrestricted.map((thread) => thread.id));
    const threadById = new Map(threads.map((thread) => [thread.id, thread]));
    const changes = { threads: unrestricted, messages: messages.filter((message) => unrestrictedIds.has(message.threadId)) };
    await Promise.all([
      unrestricted.length > 0 && guard(async () => void inbox().emit('inbox:changes', changes)),
      ...threads.filter((thread) => thread.restricted).map((thread) => pushThread('thread:updated', thread)),
      ...messages
        .filter((message) => !unrestrictedIds.has(message.threadId))
        .map((message) => pushMessage('message:created', message, threadById.get(message.threadId))),
    ]);
  };

  return {
    threadUpdated: (thread) => pushThread('thread:updated', thread),
    messageCreated: (message, thread) => pushMessage('message:created', message, thread),
    inboxChanged: pushInboxChanges,
    messageUpdated: (message) => pushMessage('message:updated', message),
    emergency: (thread) => pushThread('thread:emergency', thread),
    // A restricted thread's escalation reason and outcome go only to those cleared to read it.
    escalationUpdated: (escalation) =>
      guard(async () => {
        const { restricted, rooms } = await access.audienceOf(escalation.threadId);
        if (!restricted) return void inbox().emit('escalation:updated', escalation);
        if (rooms.length > 0) emitter.to(rooms).emit('escalation:updated', escalation);
        inbox().except(rooms).emit('escalation:updated', redactEscalation(escalation));
      }),
    approvalUpdated: (approval) =>
      guard(async () => {
        const author = approval.author ? [agentRoom(approval.author.id)] : [];
        const { restricted, rooms } = await access.audienceOf(approval.thread.id);
        // A restricted thread's reply goes only to those cleared for it (the author included).
        emitter.to(restricted ? [...rooms, ...author] : [SUPERVISORS_ROOM, ...author]).emit('approval:updated', approval);
      }),
    loadChanged: () => void emitter.to(SUPERVISORS_ROOM).emit('desk:load-changed'),
    shiftChanged: () => void emitter.to(INBOX_ROOM).emit('desk:shift-changed'),
    noteMentioned: (agentId, mention) => void emitter.to(agentRoom(agentId)).emit('note:mentioned', mention),
  };
}
