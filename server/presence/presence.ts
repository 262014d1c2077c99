import type { Redis } from 'ioredis';

/**
 * Who is on shift: an agent with the inbox open (at least one socket, on any web process) is on
 * shift, unless they said they are away. Kept in Redis so every process sees the same desk.
 *
 * Each socket is an entry with an expiry that its web process pushes forward on a heartbeat. A
 * process that dies without its sockets saying goodbye (killed, out of memory, host lost) stops
 * the heartbeat, and its agents drop off the count within one expiry instead of staying forever.
 */
export interface Presence {
  connected(agentId: string, socketId: string): Promise<void>;
  disconnected(agentId: string, socketId: string): Promise<void>;
  /** The sockets this process still holds: their entries live another expiry. */
  heartbeat(sockets: ReadonlyArray<{ agentId: string; socketId: string }>): Promise<void>;
  setAway(agentId: string, isAway: boolean): Promise<void>;
  onShift(): Promise<Array<{ agentId: string; isAway: boolean }>>;
  /** How often a web process should call heartbeat: a third of the expiry, so one missed beat is harmless. */
  readonly heartbeatMs: number;
}

/** A socket's entry lives this long without a heartbeat. */
export const PRESENCE_EXPIRY_MS = 60_000;

export function createPresence(redis: Redis, keyPrefix: string, options: { expiryMs?: number } = {}): Presence {
  const expiryMs = options.expiryMs ?? PRESENCE_EXPIRY_MS;
  // Sorted set: member `agentId|socketId`, score = when the entry expires (ms since the epoch).
  const socketsKey = `${keyPrefix}:presence:socket-expiry`;
  const awayKey = `${keyPrefix}:presence:away`;
  const member = (agentId: string, socketId: string) => `${agentId}|${socketId}`;

  async function liveAgentIds(): Promise<Set<string>> {
    await redis.zremrangebyscore(socketsKey, '-inf', Date.now());
    const members = await redis.zrange(socketsKey, 0, -1);
    return new Set(members.map((entry) => entry.split('|')[0]!));
  }

  return {
    heartbeatMs: Math.max(1, Math.floor(expiryMs / 3)),
    async connected(agentId, socketId) {
      // A shift starts fresh: "away" from an earlier one (ended by a dead process) does not carry over.
      if (!(await liveAgentIds()).has(agentId)) await redis.hdel(awayKey, agentId);
      await redis.zadd(socketsKey, Date.now() + expiryMs, member(agentId, socketId));
    },
    async disconnected(agentId, socketId) {
      await redis.zrem(socketsKey, member(agentId, socketId));
      if (!(await liveAgentIds()).has(agentId)) await redis.hdel(awayKey, agentId); // away ends with the shift
    },
    async heartbeat(sockets) {
      if (sockets.length === 0) return;
      const expiresAt = Date.now() + expiryMs;
      await redis.zadd(socketsKey, ...sockets.flatMap(({ agentId, socketId }) => [expiresAt, member(agentId, socketId)]));
    },
    async setAway(agentId, isAway) {
      if (isAway) await redis.hset(awayKey, agentId, '1');
      else await redis.hdel(awayKey, agentId);
    },
    async onShift() {
      const [live, away] = await Promise.all([liveAgentIds(), redis.hgetall(awayKey)]);
      return [...live].map((agentId) => ({ agentId, isAway: away[agentId] === '1' }));
    },
  };
}
