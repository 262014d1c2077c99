import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { escalationViewSchema, messageViewSchema, threadSummarySchema, type EscalationView, type MessageView, type ThreadSummary } from '../../shared/api';
import { broadcastViewSchema, type BroadcastView } from '../../shared/broadcasts';
import { approvalViewSchema, type ApprovalView } from '../../shared/supervision';
import {
  SOCKET_PATH,
  inboxChangesSchema,
  noteMentionSchema,
  type InboxChanges,
  type NoteMention,
  threadPresenceSchema,
  threadTypingSchema,
  type AgentToServerEvents,
  type ServerToAgentEvents,
  type ThreadPresence,
  type ThreadTyping,
} from '../../shared/socket';

/**
 * The one Socket.IO connection of the inbox. Components never touch the socket: they subscribe
 * here and get back a function that unsubscribes. Every push is parsed with the shared schema
 * before any listener sees it.
 */

export type ConnectionState =
  /** Not connected yet, or a connection attempt is under way. */
  | 'connecting'
  | 'connected'
  /** Lost; Socket.IO (or the retry below) is trying again. */
  | 'reconnecting'
  /** The server refused the handshake; the session has probably expired. */
  | 'refused';

type Listener<T> = (value: T) => void;

const listeners = {
  threadUpdated: new Set<Listener<ThreadSummary>>(),
  messageCreated: new Set<Listener<MessageView>>(),
  messageUpdated: new Set<Listener<MessageView>>(),
  emergency: new Set<Listener<ThreadSummary>>(),
  escalationUpdated: new Set<Listener<EscalationView>>(),
  threadPresence: new Set<Listener<ThreadPresence>>(),
  threadTyping: new Set<Listener<ThreadTyping>>(),
  connected: new Set<Listener<void>>(),
  visitorTyping: new Set<Listener<{ threadId: string; isTyping: boolean }>>(),
  visitorPresence: new Set<Listener<{ threadId: string; isPresent: boolean }>>(),
  state: new Set<Listener<ConnectionState>>(),
  broadcastUpdated: new Set<Listener<BroadcastView>>(),
  approvalUpdated: new Set<Listener<ApprovalView>>(),
  loadChanged: new Set<Listener<void>>(),
  shiftChanged: new Set<Listener<void>>(),
  noteMentioned: new Set<Listener<NoteMention>>(),
};

const visitorTypingSchema = z.object({ threadId: z.string(), isTyping: z.boolean() });
const visitorPresenceSchema = z.object({ threadId: z.string(), isPresent: z.boolean() });

let socket: Socket<ServerToAgentEvents, AgentToServerEvents> | null = null;
let state: ConnectionState = 'connecting';
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryAttempt = 0;
let viewingThreadId: string | null = null;

function setState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners.state) listener(next);
}

/** Parses a push with its shared schema before handing it on; a malformed one is logged and dropped. */
function parsing<T>(event: keyof ServerToAgentEvents, schema: z.ZodType<T>, handle: Listener<T>) {
  return (payload: unknown): void => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      console.error(`Ignored a malformed "${event}" push`, parsed.error.issues);
      return;
    }
    handle(parsed.data);
  };
}

function notify<T>(to: Set<Listener<T>>, value: T): void {
  for (const listener of to) listener(value);
}

function relay<T>(event: keyof ServerToAgentEvents, schema: z.ZodType<T>, to: Set<Listener<T>>) {
  return parsing(event, schema, (value) => notify(to, value));
}

/**
 * A batch of inbox changes reaches subscribers as the single pushes it stands for: each thread
 * update, then each new message, to the listeners of `thread:updated` and `message:created`.
 */
function applyInboxChanges({ threads, messages }: InboxChanges): void {
  for (const thread of threads) notify(listeners.threadUpdated, thread);
  for (const message of messages) notify(listeners.messageCreated, message);
}

/**
 * Socket.IO reconnects by itself after a network drop, but not when the server ends the
 * connection or refuses the handshake (`socket.active` is false then): we retry with backoff.
 */
function scheduleRetry(): void {
  clearTimeout(retryTimer);
  const delay = Math.min(30_000, 1_000 * 2 ** retryAttempt) * (0.5 + Math.random() / 2);
  retryAttempt += 1;
  retryTimer = setTimeout(() => socket?.connect(), delay);
}

function createSocket(): Socket<ServerToAgentEvents, AgentToServerEvents> {
  const created: Socket<ServerToAgentEvents, AgentToServerEvents> = io({
    path: SOCKET_PATH,
    withCredentials: true,
    autoConnect: false,
  });

  created.on('connect', () => {
    // Room membership does not survive a reconnection: say again which thread is open.
    if (viewingThreadId) created.emit('thread:viewing', viewingThreadId);
    retryAttempt = 0;
    clearTimeout(retryTimer);
    setState('connected');
    for (const listener of listeners.connected) listener();
  });
  created.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    setState('reconnecting');
    if (!created.active) scheduleRetry();
  });
  created.on('connect_error', (error) => {
    if (created.active) {
      setState('reconnecting');
      return;
    }
    console.error('Live updates refused by the server', error.message);
    setState('refused');
    scheduleRetry();
  });

  created.on('thread:updated', relay('thread:updated', threadSummarySchema, listeners.threadUpdated));
  created.on('message:created', relay('message:created', messageViewSchema, listeners.messageCreated));
  created.on('inbox:changes', parsing('inbox:changes', inboxChangesSchema, applyInboxChanges));
  created.on('message:updated', relay('message:updated', messageViewSchema, listeners.messageUpdated));
  created.on('thread:emergency', relay('thread:emergency', threadSummarySchema, listeners.emergency));
  created.on('visitor:typing', relay('visitor:typing', visitorTypingSchema, listeners.visitorTyping));
  created.on('visitor:presence', relay('visitor:presence', visitorPresenceSchema, listeners.visitorPresence));
  created.on('escalation:updated', relay('escalation:updated', escalationViewSchema, listeners.escalationUpdated));
  created.on('thread:presence', relay('thread:presence', threadPresenceSchema, listeners.threadPresence));
  created.on('thread:typing', relay('thread:typing', threadTypingSchema, listeners.threadTyping));
  created.on('broadcast:updated', relay('broadcast:updated', broadcastViewSchema, listeners.broadcastUpdated));
  created.on('approval:updated', relay('approval:updated', approvalViewSchema, listeners.approvalUpdated));
  created.on('desk:load-changed', () => {
    for (const listener of listeners.loadChanged) listener();
  });
  created.on('desk:shift-changed', () => {
    for (const listener of listeners.shiftChanged) listener();
  });
  created.on('note:mentioned', relay('note:mentioned', noteMentionSchema, listeners.noteMentioned));
  return created;
}

/** Opens the connection for the signed-in agent (the session cookie authenticates it). */
export function connectSocket(): void {
  socket ??= createSocket();
  if (socket.connected || socket.active) return;
  setState('connecting');
  socket.connect();
}

/** Closes the connection, e.g. on logout. Subscriptions stay, for the next connection. */
export function disconnectSocket(): void {
  clearTimeout(retryTimer);
  retryAttempt = 0;
  socket?.disconnect();
  setState('connecting');
}

function subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

export function onThreadUpdated(listener: Listener<ThreadSummary>): () => void {
  return subscribe(listeners.threadUpdated, listener);
}

export function onMessageCreated(listener: Listener<MessageView>): () => void {
  return subscribe(listeners.messageCreated, listener);
}

export function onMessageUpdated(listener: Listener<MessageView>): () => void {
  return subscribe(listeners.messageUpdated, listener);
}

/** A new message triaged as an emergency, on any thread. */
export function onEmergency(listener: Listener<ThreadSummary>): () => void {
  return subscribe(listeners.emergency, listener);
}

export function onThreadPresence(listener: Listener<ThreadPresence>): () => void {
  return subscribe(listeners.threadPresence, listener);
}

export function onThreadTyping(listener: Listener<ThreadTyping>): () => void {
  return subscribe(listeners.threadTyping, listener);
}

/** Which thread this agent has open (null: none), for colleagues' collision warnings. */
export function sendViewing(threadId: string | null): void {
  viewingThreadId = threadId;
  if (socket?.connected) socket.emit('thread:viewing', threadId);
}

/** A broadcast, or one of its channels, changed: drafted, approved, published, failed, withdrawn. */
export function onBroadcastUpdated(listener: Listener<BroadcastView>): () => void {
  return subscribe(listeners.broadcastUpdated, listener);
}

/** A reply held for approval was submitted, approved, returned or resubmitted (supervisors and its author). */
export function onApprovalUpdated(listener: Listener<ApprovalView>): () => void {
  return subscribe(listeners.approvalUpdated, listener);
}

/** Agents' load changed (supervisors only). */
export function onLoadChanged(listener: () => void): () => void {
  return subscribe(listeners.loadChanged, listener);
}

/** Someone came on shift, left it, stepped away or came back. */
export function onShiftChanged(listener: () => void): () => void {
  return subscribe(listeners.shiftChanged, listener);
}

/** A colleague mentioned this agent in a note. */
export function onNoteMentioned(listener: Listener<NoteMention>): () => void {
  return subscribe(listeners.noteMentioned, listener);
}

export function onEscalationUpdated(listener: Listener<EscalationView>): () => void {
  return subscribe(listeners.escalationUpdated, listener);
}

/**
 * Called on every (re)connection. Pushes sent while we were not connected are lost, so
 * subscribers reload what they show from the REST API here.
 */
export function onConnected(listener: () => void): () => void {
  return subscribe(listeners.connected, listener);
}

export function onConnectionStateChange(listener: Listener<ConnectionState>): () => void {
  return subscribe(listeners.state, listener);
}

/** A web chat visitor typing, or not, in a thread. */
export function onVisitorTyping(listener: Listener<{ threadId: string; isTyping: boolean }>): () => void {
  return subscribe(listeners.visitorTyping, listener);
}

/** A web chat visitor arriving, or leaving (their last tab closed). */
export function onVisitorPresence(listener: Listener<{ threadId: string; isPresent: boolean }>): () => void {
  return subscribe(listeners.visitorPresence, listener);
}

/** Shows the web chat visitor that the agent is typing (or has stopped). */
export function sendTyping(threadId: string, isTyping: boolean): void {
  if (socket?.connected) socket.emit('thread:typing', { threadId, isTyping });
}

/** Asks whether a web chat visitor has the chat open now; null when unknown or not a web chat. */
export async function askVisitorPresence(threadId: string): Promise<boolean | null> {
  if (!socket?.connected) return null;
  try {
    const answer: unknown = await socket.timeout(5000).emitWithAck('thread:visitor-presence', { threadId });
    return typeof answer === 'boolean' ? answer : null;
  } catch {
    return null; // no answer in time: say nothing rather than something wrong
  }
}

export function getConnectionState(): ConnectionState {
  return state;
}
