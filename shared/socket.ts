import { z } from 'zod';
import type { EscalationView, MessageView, ThreadSummary } from './api';

/** Who else has a thread open, sent to everyone viewing it whenever that changes. */
export const threadPresenceSchema = z.object({
  threadId: z.string(),
  viewers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ThreadPresence = z.infer<typeof threadPresenceSchema>;

export const threadTypingSchema = z.object({ threadId: z.string(), agent: z.object({ id: z.string(), name: z.string() }) });
export type ThreadTyping = z.infer<typeof threadTypingSchema>;

/** What an agent's browser says over the socket: which thread it shows (null: none), and typing in it. */
export const viewingThreadSchema = z.string().uuid().nullable();
export const typingInThreadSchema = z.string().uuid();

/**
 * Events the server pushes to agents. A thread summary carries `unread: true` when the push is
 * caused by a new inbound message; the client clears it for the thread it has open.
 */
export interface ServerToAgentEvents {
  'thread:updated': (thread: ThreadSummary) => void;
  'message:created': (message: MessageView) => void;
  'message:updated': (message: MessageView) => void;
  /** Raised, acknowledged or resolved: the team it is for alerts its members. */
  'escalation:updated': (escalation: EscalationView) => void;
  /** To the agents viewing a thread: who has it open (collision warning). */
  'thread:presence': (presence: ThreadPresence) => void;
  /** To the other agents viewing a thread: someone is typing in it. */
  'thread:typing': (typing: ThreadTyping) => void;
}

/** Only presence travels this way; every action on a thread is a REST call. */
export interface AgentToServerEvents {
  'thread:viewing': (threadId: string | null) => void;
  'thread:typing': (threadId: string) => void;
}

export const SOCKET_PATH = '/socket.io';
