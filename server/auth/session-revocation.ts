import type { Redis } from 'ioredis';
import { agentRoom } from '../access/thread-access';
import type { Logger } from '../logger';
import { createSocketEmitter } from '../realtime/socket-emitter';

const SESSION_TTL_SECONDS = 13 * 3600; // a little longer than the longest session

/**
 * Which sessions each agent holds, so an admin disabling an account ends them all at once: the
 * session records are deleted from Redis (every web process reads them there) and the agent's
 * open sockets, on whichever web process holds them, are disconnected through the Socket.IO
 * Redis adapter's channel.
 */
export interface SessionRevocation {
  track(agentId: string, sessionId: string): Promise<void>;
  /** Ends every session and live connection of the agent; returns how many sessions there were. */
  revokeAll(agentId: string): Promise<number>;
}

export function createSessionRevocation(redis: Redis, keyPrefix: string, socketAdapterKey: string, logger: Logger): SessionRevocation {
  const emitter = createSocketEmitter(redis, socketAdapterKey, logger);
  const indexKey = (agentId: string) => `${keyPrefix}:agent-sessions:${agentId}`;
  const sessionKey = (sessionId: string) => `${keyPrefix}:session:${sessionId}`;

  return {
    async track(agentId, sessionId) {
      await redis.multi().sadd(indexKey(agentId), sessionId).expire(indexKey(agentId), SESSION_TTL_SECONDS).exec();
    },
    async revokeAll(agentId) {
      const sessionIds = await redis.smembers(indexKey(agentId));
      if (sessionIds.length > 0) await redis.del(...sessionIds.map(sessionKey));
      await redis.del(indexKey(agentId));
      emitter.in(agentRoom(agentId)).disconnectSockets(true);
      return sessionIds.length;
    },
  };
}
