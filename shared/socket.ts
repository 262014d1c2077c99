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
}

// Agents send nothing over the socket yet: every action is a REST call.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AgentToServerEvents {}

export const SOCKET_PATH = '/socket.io';
