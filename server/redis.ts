import { Redis } from 'ioredis';

/**
 * BullMQ workers block on Redis, so their connections must not give up on a request
 * (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export function connectRedis(url: string, purpose: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: `social-desk:${purpose}` });
}
