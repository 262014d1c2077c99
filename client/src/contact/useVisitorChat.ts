import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH } from '../../../shared/socket';
import {
  chatHistorySchema,
  chatLineSchema,
  VISITOR_NAMESPACE,
  type ChatLine,
  type ServerToVisitorEvents,
  type VisitorAck,
  type VisitorToServerEvents,
} from '../../../shared/public-contact';
import { safeStorage } from './i18n';
import { newClientId, PublicApiError, startChatSession } from './publicApi';

const TOKEN_KEY = 'social-desk.webchat.token';
const TYPING_IDLE_MS = 3000;

export type ChatLineState = ChatLine & { status: 'sent' | 'sending' | 'failed' };
export type ChatConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'expired';

export interface VisitorChat {
  hasStarted: boolean;
  connection: ChatConnection;
  reference: string | null;
  lines: ChatLineState[];
  isAgentTyping: boolean;
  startError: string | null;
  start(): Promise<void>;
  send(text: string): void;
  resend(line: ChatLineState): void;
  typing(): void;
  forget(): void;
}

type VisitorSocket = Socket<ServerToVisitorEvents, VisitorToServerEvents>;

/**
 * The visitor's side of the chat. The token in local storage is the conversation: the same
 * device comes back to it after a reload or days later, and no one else can open it.
 */
export function useVisitorChat(): VisitorChat {
  const [token, setToken] = useState<string | null>(() => safeStorage()?.getItem(TOKEN_KEY) ?? null);
  const [connection, setConnection] = useState<ChatConnection>('idle');
  const [reference, setReference] = useState<string | null>(null);
  const [lines, setLines] = useState<ChatLineState[]>([]);
  const [isAgentTyping, setIsAgentTyping] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const socketRef = useRef<VisitorSocket | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const isTyping = useRef(false);

  useEffect(() => {
    if (!token) return;
    const socket: VisitorSocket = io(VISITOR_NAMESPACE, { path: SOCKET_PATH, auth: { token } });
    socketRef.current = socket;
    setConnection('connecting');

    socket.on('connect', () => {
      setConnection('connected');
      socket.emit('visitor:history', (payload) => {
        const history = chatHistorySchema.safeParse(payload);
        if (!history.success) return;
        setReference(history.data.reference);
        setLines((current) => mergeHistory(current, history.data.lines));
      });
    });
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.on('connect_error', (error) => {
      if (error.message === 'invalid_token') {
        safeStorage()?.removeItem(TOKEN_KEY);
        socket.disconnect();
        setConnection('expired');
        return;
      }
      setConnection('reconnecting');
      // A refused handshake (rate limit) is not retried by Socket.IO on its own.
      if (!socket.active) setTimeout(() => socket.connect(), 5000);
    });
    socket.on('chat:line', (payload) => {
      const line = chatLineSchema.safeParse(payload);
      if (!line.success) return;
      setIsAgentTyping(false);
      setLines((current) => upsertLine(current, { ...line.data, status: 'sent' }));
    });
    socket.on('chat:reference', (value) => {
      if (typeof value === 'string') setReference(value);
    });
    socket.on('chat:typing', (value) => setIsAgentTyping(value === true));

    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token]);

  const start = useCallback(async () => {
    setStartError(null);
    try {
      const session = await startChatSession();
      safeStorage()?.setItem(TOKEN_KEY, session.token);
      setLines([]);
      setReference(null);
      setToken(session.token);
    } catch (error) {
      setStartError(error instanceof PublicApiError && error.code === 'rate_limited' ? 'rate_limited' : 'failed');
    }
  }, []);

  const deliver = useCallback((line: ChatLineState) => {
    const socket = socketRef.current;
    if (!socket) return;
    stopTyping(socket, isTyping, typingTimer);
    socket
      .timeout(15_000)
      .emitWithAck('visitor:message', { clientId: line.id, text: line.text })
      .then(
        (ack: VisitorAck) => setLines((current) => upsertLine(current, { ...line, status: ack.ok ? 'sent' : 'failed' })),
        () => setLines((current) => upsertLine(current, { ...line, status: 'failed' })),
      );
  }, []);

  const send = useCallback(
    (text: string) => {
      const line: ChatLineState = { id: newClientId(), from: 'visitor', text, sentAt: new Date().toISOString(), status: 'sending' };
      setLines((current) => [...current, line]);
      deliver(line);
    },
    [deliver],
  );

  const resend = useCallback(
    (line: ChatLineState) => {
      // Same client id: if the first attempt reached the desk after all, it is stored once.
      const retry = { ...line, status: 'sending' as const };
      setLines((current) => upsertLine(current, retry));
      deliver(retry);
    },
    [deliver],
  );

  const typing = useCallback(() => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    if (!isTyping.current) {
      isTyping.current = true;
      socket.emit('visitor:typing', true);
    }
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => stopTyping(socket, isTyping, typingTimer), TYPING_IDLE_MS);
  }, []);

  const forget = useCallback(() => {
    safeStorage()?.removeItem(TOKEN_KEY);
    setToken(null);
    setConnection('idle');
    setLines([]);
    setReference(null);
  }, []);

  return { hasStarted: token !== null, connection, reference, lines, isAgentTyping, startError, start, send, resend, typing, forget };
}

function stopTyping(
  socket: VisitorSocket,
  isTyping: { current: boolean },
  typingTimer: { current: ReturnType<typeof setTimeout> | undefined },
) {
  clearTimeout(typingTimer.current);
  if (!isTyping.current) return;
  isTyping.current = false;
  socket.emit('visitor:typing', false);
}

function upsertLine(lines: ChatLineState[], line: ChatLineState): ChatLineState[] {
  const index = lines.findIndex((existing) => existing.id === line.id);
  if (index === -1) return [...lines, line];
  return lines.map((existing, position) => (position === index ? line : existing));
}

/** What the desk has stored, plus anything still on its way to the desk's database. */
export function mergeHistory(current: ChatLineState[], stored: ChatLine[]): ChatLineState[] {
  const storedIds = new Set(stored.map((line) => line.id));
  const pending = current.filter((line) => !storedIds.has(line.id));
  return [...stored.map((line) => ({ ...line, status: 'sent' as const })), ...pending];
}
