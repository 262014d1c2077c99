import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { AgentToServerEvents, ServerToAgentEvents } from '../../shared/socket';
import { SOCKET_PATH } from '../../shared/socket';
import { findActiveAgent } from '../auth/agents.service';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { eq } from 'drizzle-orm';
import { agentRoom, teamRoom, type ThreadAccess } from '../access/thread-access';
import { authorizeSocketEvents } from './socket-policy';
import { agentTeams } from '../db/schema';
import type { Presence } from '../presence/presence';
import { INBOX_ROOM, SUPERVISORS_ROOM } from './agent-notifier';
import { trackThreadPresence } from './thread-presence';

export type AgentSocketServer = Server<AgentToServerEvents, ServerToAgentEvents>;

export interface GatewayDependencies {
  httpServer: HttpServer;
  db: Database;
  sessionMiddleware: RequestHandler;
  /** Two connections: the adapter needs one for publishing and one subscribed. */
  publisher: Redis;
  subscriber: Redis;
  adapterKey: string;
  presence: Presence;
  access: ThreadAccess;
  /** Told when an agent's socket connects (they may be newly on shift) or disconnects (they may have left). */
  onShiftChanged?: (agentId: string, change: 'connected' | 'disconnected') => void;
  logger: Logger;
}

/**
 * Agents' live connections. A socket is authenticated by the same session cookie as the REST API,
 * and the server — never the client — decides which rooms it joins.
 */
export function startAgentGateway(dependencies: GatewayDependencies): AgentSocketServer {
  const { httpServer, db, sessionMiddleware, publisher, subscriber, adapterKey, presence, access, logger } = dependencies;
  const io: AgentSocketServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Web chat visitors are anonymous: a frame far larger than any chat message (2,000
    // characters) closes the connection before it is parsed. Agents send only small events.
    maxHttpBufferSize: 64 * 1024,
    adapter: createAdapter(publisher, subscriber, { key: adapterKey }),
  });
  io.engine.use(sessionMiddleware);
  io.use(async (socket, next) => {
    const agentId = sessionOf(socket)?.agentId;
    const agent = agentId ? await findActiveAgent(db, agentId) : null;
    if (!agent) {
      next(new Error('not_signed_in'));
      return;
    }
    socket.data.agentId = agent.id;
    socket.data.agentName = agent.name;
    socket.data.role = agent.role;
    socket.data.isSupervisor = agent.role !== 'agent';
    const memberships = await db.select({ teamId: agentTeams.teamId }).from(agentTeams).where(eq(agentTeams.agentId, agent.id));
    socket.data.teamIds = memberships.map((row) => row.teamId);
    // Counted before the handshake completes, so the agent's own client sees itself on shift.
    await presence.connected(agent.id, socket.id);
    next();
  });
  // This process's sockets stay counted only while it beats: a dead process's agents expire.
  const heartbeat = setInterval(() => {
    const sockets = [...io.of('/').sockets.values()].map((socket) => ({ agentId: socket.data.agentId as string, socketId: socket.id }));
    presence.heartbeat(sockets).catch((error: unknown) => logger.warn({ err: error }, 'presence heartbeat failed'));
  }, presence.heartbeatMs);
  heartbeat.unref();
  httpServer.on('close', () => clearInterval(heartbeat));
  io.on('connection', (socket) => {
    const agentId: string = socket.data.agentId;
    // Before any handler: every event this socket sends is checked against SOCKET_EVENT_RULES.
    authorizeSocketEvents(socket, { agent: { id: agentId, role: socket.data.role } }, access, logger);
    socket.on('disconnect', () => {
      presence.disconnected(agentId, socket.id).then(
        () => dependencies.onShiftChanged?.(agentId, 'disconnected'),
        (error: unknown) => logger.warn({ err: error, agentId }, 'presence not updated'),
      );
    });
    // Restricted threads are pushed to the rooms of those cleared for them: the agent's own and their teams'.
    void socket.join([INBOX_ROOM, agentRoom(socket.data.agentId), ...socket.data.teamIds.map(teamRoom), ...(socket.data.isSupervisor ? [SUPERVISORS_ROOM] : [])]);
    // Told once this socket is in its rooms, so the agent's own shift bar hears of it too.
    dependencies.onShiftChanged?.(agentId, 'connected');
    trackThreadPresence(io, socket, logger);
    logger.debug({ agentId: socket.data.agentId, socketId: socket.id }, 'agent connected');
  });
  return io;
}

function sessionOf(socket: Socket): { agentId?: string } | undefined {
  return (socket.request as unknown as { session?: { agentId?: string } }).session;
}
