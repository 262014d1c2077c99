import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Abuse protection for the pages anyone can reach. Counters live in Redis, so the limits hold
 * across every web process. A visitor chatting normally stays far below them.
 */
const LIMITS = {
  /** New chat tokens per IP address: a page load reuses the stored token. */
  chatSessionsPerIp: { points: 10, duration: 600 },
  /** Visitor socket connections per IP address (reconnects, several tabs). */
  visitorConnectionsPerIp: { points: 60, duration: 60 },
  /** Chat messages per visitor token, and per IP address across tokens. */
  chatMessagesPerToken: { points: 20, duration: 60 },
  chatMessagesPerIp: { points: 60, duration: 60 },
  /** Online reports per IP address. */
  reportsPerIp: { points: 5, duration: 3600 },
  /** Look-ups and additions with a reference and code: slows guessing codes to a crawl. */
  reportAccessPerIp: { points: 20, duration: 600 },
} as const;

export type RateLimitName = keyof typeof LIMITS;

export interface PublicRateLimits {
  /** Counts one attempt; false when the limit is used up. */
  allows(name: RateLimitName, key: string): Promise<boolean>;
}

export function createPublicRateLimits(redis: Redis, keyPrefix: string): PublicRateLimits {
  const limiters = new Map(
    Object.entries(LIMITS).map(([name, limit]) => [
      name,
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keyPrefix}-rl-${name}`, ...limit }),
    ]),
  );
  return {
    async allows(name, key) {
      try {
        await limiters.get(name)!.consume(key);
        return true;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return false;
        throw rejection; // Redis is unreachable: an error, not a limit
      }
    },
  };
}
