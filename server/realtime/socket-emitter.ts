import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * Emits to Socket.IO rooms on every web process through Redis. The emitter sends PUBLISH and drops
 * its promise: one on a closed connection (a desk shutting down while an agent disconnects) would
 * be an unhandled rejection, so each publish is caught and logged here.
 */
export function createSocketEmitter<Events extends Record<string, any> = Record<string, any>>(redis: Redis, key: string, logger: Logger): Emitter<Events> {
  const publisher = {
    publish: (channel: string, message: string | Buffer) =>
      redis.publish(channel, message).catch((error: unknown) => {
        logger.warn({ err: error }, 'socket push not published');
        return 0;
      }),
  };
  return new Emitter<Events>(publisher as unknown as Redis, { key });
}
