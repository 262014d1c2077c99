import { startDeskProcess, type DeskProcess } from './desk-process';
import { postgresServerUrl } from './postgres-server';
import { createTestDatabase } from './test-database';
import { startTestDesk, type TestDesk } from './test-desk';

export interface DeskWithWorkerProcess {
  /** The web role, in the test's own process: it takes webhooks and serves agents. */
  desk: TestDesk;
  /** The worker role, a process of its own the test may kill (SIGKILL). */
  worker(): DeskProcess;
  /** Starts a worker again after a kill; the dead one's jobs are taken up once their locks lapse. */
  restartWorker(): Promise<DeskProcess>;
  close(): Promise<void>;
}

/**
 * For fault tests that kill the worker: a web desk here and a worker process beside it, sharing a
 * PostgreSQL server's database (PGlite lives inside one process), Redis and key prefix. A dead
 * worker's jobs are taken up after `stalledAfterMs` rather than BullMQ's default 30 s.
 */
export async function startDeskWithWorkerProcess(
  options: Omit<Parameters<typeof startTestDesk>[0], 'database' | 'environment'> = {},
  stalledAfterMs = 2_000,
): Promise<DeskWithWorkerProcess> {
  const database = await createTestDatabase(await postgresServerUrl());
  const stalled = { JOB_STALLED_AFTER_MS: String(stalledAfterMs) };
  const desk = await startTestDesk({ ...options, database, environment: { ROLES: 'web', ...stalled } });
  let worker = startDeskProcess({ ...desk.environment, ROLES: 'worker', ...stalled });
  await worker.started;
  return {
    desk,
    worker: () => worker,
    restartWorker: async () => {
      worker = startDeskProcess({ ...desk.environment, ROLES: 'worker', ...stalled });
      await worker.started;
      return worker;
    },
    close: async () => {
      await worker.stop();
      await desk.close();
    },
  };
}
