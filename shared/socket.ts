import type { EscalationView, MessageView, ThreadSummary } from './api';

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
}

// Agents send nothing over the socket yet: every action is a REST call.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AgentToServerEvents {}

export const SOCKET_PATH = '/socket.io';
