import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

// NCSC guidance: throttle and lock out password guessing rather than forcing complexity rules.
const FAILURES_PER_ACCOUNT = { points: 10, duration: 15 * 60, blockDuration: 15 * 60 };
const ATTEMPTS_PER_IP = { points: 100, duration: 15 * 60 };

export interface LoginThrottle {
  /** Seconds until this account (or address) may try again; null when it may try now. Counts the attempt per address. */
  waitBeforeAttempt(email: string, ip: string): Promise<number | null>;
  recordFailure(email: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

/** Counters live in Redis, so a lockout holds on every web process. */
export function createLoginThrottle(redis: Redis, keyPrefix: string): LoginThrottle {
  const perAccount = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keyPrefix}-login-failures`, ...FAILURES_PER_ACCOUNT });
  const perIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keyPrefix}-login-ip`, ...ATTEMPTS_PER_IP });
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    async waitBeforeAttempt(email, ip) {
      try {
        await perIp.consume(ip);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return seconds(rejection.msBeforeNext);
        throw rejection;
      }
      const account = await perAccount.get(email);
      if (account && account.consumedPoints >= FAILURES_PER_ACCOUNT.points) return seconds(account.msBeforeNext);
      return null;
    },
    async recordFailure(email) {
      try {
        await perAccount.consume(email);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection; // already locked: nothing more to count
      }
    },
    async recordSuccess(email) {
      await perAccount.delete(email);
    },
  };
}
