import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { messages } from '../../server/db/schema';
import { startDeskProcess, type DeskProcess } from './desk-process';
import { postgresServerUrl } from './postgres-server';
import { createTestDatabase } from './test-database';
import { eventually, startTestDesk, type TestDesk } from './test-desk';

export interface DeskWithWorkerProcess {
  /** The web role, in the test's own process: it takes webhooks and serves agents. */
  desk: TestDesk;
  /** The worker role, a process of its own the test may kill (SIGKILL). */
  worker(): DeskProcess;
  /** Starts a worker again after a kill; the dead one's jobs are taken up once their locks lapse. */
  restartWorker(): Promise<DeskProcess>;
  /**
   * The worker dies (SIGKILL) with a reply made at the platform but not saved as sent: checks it is
   * still queued, lets the platform answer promptly again (`resumePlatform`), restarts the worker,
   * waits until the reply's send job has run again and checks the platform still has it once.
   */
  killMidSendAndRestart(messageId: string, platform: { resumePlatform(): void; timesSent(): number }): Promise<void>;
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
  const restartWorker = async () => {
    worker = startDeskProcess({ ...desk.environment, ROLES: 'worker', ...stalled });
    await worker.started;
    return worker;
  };
  return {
    desk,
    worker: () => worker,
    restartWorker,
    killMidSendAndRestart: async (messageId, platform) => {
      await worker.kill();
      platform.resumePlatform();
      const [reply] = await desk.desk.database.db.select({ deliveryStatus: messages.deliveryStatus }).from(messages).where(eq(messages.id, messageId));
      expect(reply!.deliveryStatus).toBe('queued'); // sent, but the desk never heard
      await restartWorker();
      // The send job runs again once the dead worker's lock lapses…
      await eventually(async () => ((await desk.desk.queues.outbound.getJob(`reply__${messageId}`))?.attemptsStarted ?? 0) >= 2, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(platform.timesSent()).toBe(1); // …and does not send again
    },
    close: async () => {
      await worker.stop();
      await desk.close();
    },
  };
}
