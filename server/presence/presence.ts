import type { Redis } from 'ioredis';

/**
 * Who is on shift: an agent with the inbox open (at least one socket, on any web process) is on
 * shift, unless they said they are away. Kept in Redis so every process sees the same desk.
 */
export interface Presence {
  connected(agentId: string): Promise<void>;
  disconnected(agentId: string): Promise<void>;
  setAway(agentId: string, isAway: boolean): Promise<void>;
  onShift(): Promise<Array<{ agentId: string; isAway: boolean }>>;
}

export function createPresence(redis: Redis, keyPrefix: string): Presence {
  const socketsKey = `${keyPrefix}:presence:sockets`;
  const awayKey = `${keyPrefix}:presence:away`;
  return {
    async connected(agentId) {
      await redis.hincrby(socketsKey, agentId, 1);
    },
    async disconnected(agentId) {
      if ((await redis.hincrby(socketsKey, agentId, -1)) <= 0) {
        await redis.hdel(socketsKey, agentId);
        await redis.hdel(awayKey, agentId); // away ends with the shift
      }
    },
    async setAway(agentId, isAway) {
      if (isAway) await redis.hset(awayKey, agentId, '1');
      else await redis.hdel(awayKey, agentId);
    },
    async onShift() {
      const [sockets, away] = await Promise.all([redis.hgetall(socketsKey), redis.hgetall(awayKey)]);
      return Object.entries(sockets)
        .filter(([, count]) => Number(count) > 0)
        .map(([agentId]) => ({ agentId, isAway: away[agentId] === '1' }));
    },
  };
}
