import type { Socket } from 'socket.io';
import { typingInThreadSchema, viewingThreadSchema, type AgentToServerEvents, type ServerToAgentEvents } from '../../shared/socket';
import type { Logger } from '../logger';
import type { AgentSocketServer } from './gateway';

// Collision warning: who has a thread open, and who is typing in it. Held in Socket.IO rooms, which
// the Redis adapter shares between web processes, so nothing lives in one process's memory.

type AgentSocket = Socket<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, { agentId: string; agentName: string; viewing?: string }>;

const threadRoom = (threadId: string) => `thread:${threadId}`;

async function announceViewers(io: AgentSocketServer, threadId: string): Promise<void> {
  const sockets = await io.in(threadRoom(threadId)).fetchSockets();
  const viewers = new Map<string, string>();
  for (const socket of sockets) viewers.set(socket.data.agentId, socket.data.agentName);
  io.to(threadRoom(threadId)).emit('thread:presence', { threadId, viewers: [...viewers].map(([id, name]) => ({ id, name })) });
}

export function trackThreadPresence(io: AgentSocketServer, socket: AgentSocket, logger: Logger): void {
  const announce = (threadId: string) =>
    announceViewers(io, threadId).catch((error: unknown) => logger.warn({ err: error, threadId }, 'could not announce thread viewers'));

  socket.on('thread:viewing', async (payload) => {
    const parsed = viewingThreadSchema.safeParse(payload);
    if (!parsed.success) return;
    const previous = socket.data.viewing;
    if (previous === parsed.data) return;
    if (previous) {
      await socket.leave(threadRoom(previous));
      void announce(previous);
    }
    socket.data.viewing = parsed.data ?? undefined;
    if (parsed.data) {
      await socket.join(threadRoom(parsed.data));
      void announce(parsed.data);
    }
  });

  socket.on('thread:typing', (payload) => {
    const parsed = typingInThreadSchema.safeParse(payload);
    if (!parsed.success || !parsed.data.isTyping || socket.data.viewing !== parsed.data.threadId) return;
    const { threadId } = parsed.data;
    socket.to(threadRoom(threadId)).emit('thread:typing', { threadId, agent: { id: socket.data.agentId, name: socket.data.agentName } });
  });

  socket.on('disconnect', () => {
    if (socket.data.viewing) void announce(socket.data.viewing);
  });
}
