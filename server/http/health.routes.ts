import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { DatabaseHandle } from '../db/database';

/**
 * `/healthz`: the process answers. `/readyz`: it can reach Redis and the database. Every Redis
 * connection is asked: the queues' own fails fast and reconnects on its own, and until it is back
 * webhooks would be answered 503.
 */
export function createHealthRoutes(database: DatabaseHandle, redisConnections: Redis[]): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const [redisCheck, databaseCheck] = await Promise.allSettled([
      withinTimeout(Promise.all(redisConnections.map((connection) => connection.ping()))),
      withinTimeout(database.ping()),
    ]);
    const checks = {
      redis: redisCheck.status === 'fulfilled' ? 'ok' : 'unreachable',
      database: databaseCheck.status === 'fulfilled' ? 'ok' : 'unreachable',
    };
    const ready = checks.redis === 'ok' && checks.database === 'ok';
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  return router;
}

// A client waiting to reconnect would otherwise hold the probe until the load balancer gives up.
const CHECK_TIMEOUT_MS = 2000;

function withinTimeout<T>(check: Promise<T>): Promise<T> {
  return Promise.race([
    check,
    new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
  ]);
}
