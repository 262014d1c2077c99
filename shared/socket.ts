import type { MessageView, ThreadSummary } from './api';

/**
 * Events the server pushes to agents. A thread summary carries `unread: true` when the push is
 * caused by a new inbound message; the client clears it for the thread it has open.
 */
export interface ServerToAgentEvents {
  'thread:updated': (thread: ThreadSummary) => void;
  'message:created': (message: MessageView) => void;
  'message:updated': (message: MessageView) => void;
  /** A new inbound message triaged as an emergency: alert the agent whatever they have open. */
  'thread:emergency': (thread: ThreadSummary) => void;
  /** A web chat visitor started or stopped typing. */
  'visitor:typing': (event: { threadId: string; isTyping: boolean }) => void;
  /** A web chat visitor opened the chat, or closed its last tab ("visitor left"). */
  'visitor:presence': (event: { threadId: string; isPresent: boolean }) => void;
}

/** Agents act over REST; the socket carries only what is too chatty for it. */
export interface AgentToServerEvents {
  /** The agent is typing a reply to a web chat visitor (shown in the visitor's chat). */
  'thread:typing': (event: unknown) => void;
  /** Whether a web chat thread's visitor has the chat open now (null: not a web chat thread). */
  'thread:visitor-presence': (event: unknown, ack: (isPresent: boolean | null) => void) => void;
}

export const SOCKET_PATH = '/socket.io';
