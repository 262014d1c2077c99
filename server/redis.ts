import { Redis } from 'ioredis';

/**
 * BullMQ workers block on Redis, so their connections must not give up on a request
 * (`maxRetriesPerRequest: null`, as BullMQ requires). Producers are the opposite: a webhook that
 * cannot enqueue must fail at once (503, so the platform delivers again), not wait for Redis to
 * come back while the platform times out — hence `failFast`.
 */
export function connectRedis(url: string, purpose: string, options: { failFast?: boolean } = {}): Redis {
  return new Redis(url, {
    connectionName: `social-desk:${purpose}`,
    ...(options.failFast
      ? // Failing fast while disconnected, it must also notice soon that Redis is back.
        { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (attempt: number) => Math.min(attempt * 50, 500) }
      : { maxRetriesPerRequest: null }),
  });
}
