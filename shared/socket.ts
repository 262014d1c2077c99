import { z } from 'zod';
import { messageViewSchema, threadSummarySchema, type EscalationView, type MessageView, type ThreadSummary } from './api';
import type { BroadcastView } from './broadcasts';
import type { ApprovalView } from './supervision';

/** Who else has a thread open, sent to everyone viewing it whenever that changes. */
export const threadPresenceSchema = z.object({
  threadId: z.string(),
  viewers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ThreadPresence = z.infer<typeof threadPresenceSchema>;

export const threadTypingSchema = z.object({ threadId: z.string(), agent: z.object({ id: z.string(), name: z.string() }) });
export type ThreadTyping = z.infer<typeof threadTypingSchema>;

/** To an agent a colleague @mentioned in a private note (no note text: it may be a restricted thread's). */
export const noteMentionSchema = z.object({
  threadId: z.string(),
  threadReference: z.string(),
  messageId: z.string(),
  authorName: z.string(),
});
export type NoteMention = z.infer<typeof noteMentionSchema>;

/**
 * Several changes to the inbox in one push (one frame per agent instead of one per thread and per
 * message): the threads' state after the change, then their new messages in the order they were
 * stored. The client applies each as it would a `thread:updated`, then each as a `message:created`.
 */
export const inboxChangesSchema = z.object({ threads: z.array(threadSummarySchema), messages: z.array(messageViewSchema) });
export type InboxChanges = z.infer<typeof inboxChangesSchema>;

/** What an agent's browser says over the socket: which thread it shows (null: none), and typing in it. */
export const viewingThreadSchema = z.string().uuid().nullable();
export const typingInThreadSchema = z.object({ threadId: z.string().uuid(), isTyping: z.boolean() });

/**
 * Events the server pushes to agents. A thread summary carries `unread: true` when the push is
 * caused by a new inbound message; the client clears it for the thread it has open.
 */
export interface ServerToAgentEvents {
  'thread:updated': (thread: ThreadSummary) => void;
  'message:created': (message: MessageView) => void;
  /** A batch of stored messages with their threads: the same as `thread:updated` for each thread, then `message:created` for each message. */
  'inbox:changes': (changes: InboxChanges) => void;
  'message:updated': (message: MessageView) => void;
  /** A new inbound message triaged as an emergency: alert the agent whatever they have open. */
  'thread:emergency': (thread: ThreadSummary) => void;
  /** A web chat visitor started or stopped typing. */
  'visitor:typing': (event: { threadId: string; isTyping: boolean }) => void;
  /** A web chat visitor opened the chat, or closed its last tab ("visitor left"). */
  'visitor:presence': (event: { threadId: string; isPresent: boolean }) => void;
  /** Raised, acknowledged or resolved: the team it is for alerts its members. */
  'escalation:updated': (escalation: EscalationView) => void;
  /** To the agents viewing a thread: who has it open (collision warning). */
  'thread:presence': (presence: ThreadPresence) => void;
  /** To the other agents viewing a thread: someone is typing in it. */
  'thread:typing': (typing: ThreadTyping) => void;
  /** A colleague mentioned this agent in a note: sent to that agent's own room only. */
  'note:mentioned': (mention: NoteMention) => void;
  /** A broadcast or one of its channels changed (drafted, approved, published, failed, withdrawn). */
  'broadcast:updated': (broadcast: BroadcastView) => void;
  /** A reply held for approval was submitted, approved, edited, returned or resubmitted: to supervisors and its author. */
  'approval:updated': (approval: ApprovalView) => void;
  /** Someone came on shift, left it, stepped away or came back: every agent's shift bar reads the figures again. */
  'desk:shift-changed': () => void;
  /** Agents' load changed (routing, away, shift): supervisors reload the load panel. */
  'desk:load-changed': () => void;
  /** An event this agent sent was refused by the authorization layer (its handler never ran). */
  'event:refused': (refusal: SocketRefusal) => void;
}

export interface SocketRefusal {
  event: string;
  code: 'no_rule' | 'not_signed_in' | 'not_permitted' | 'thread_restricted' | 'unavailable';
  message: string;
}

/** Agents act over REST; the socket carries only what is too chatty for it: presence and typing. */
export interface AgentToServerEvents {
  'thread:viewing': (threadId: string | null) => void;
  /** The agent started or stopped typing: shown to colleagues viewing the thread and to a web chat visitor. */
  'thread:typing': (event: { threadId: string; isTyping: boolean }) => void;
  /** Whether a web chat thread's visitor has the chat open now (null: not a web chat thread). */
  'thread:visitor-presence': (event: unknown, ack: (isPresent: boolean | null) => void) => void;
}

export const SOCKET_PATH = '/socket.io';
