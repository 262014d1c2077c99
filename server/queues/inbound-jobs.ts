import type { Queue } from 'bullmq';
import { z } from 'zod';
import { platformEventJobId, type PlatformEvent } from '../../shared/inbound';

/**
 * An `inbound` job carries one platform event (with a job id of its own, so a webhook and a poll
 * of the same message are one job) or, when webhook deliveries came in together, a batch of them.
 */
export type InboundJobData = PlatformEvent | InboundBatch;
export interface InboundBatch {
  events: PlatformEvent[];
}

const inboundBatchSchema = z.object({ events: z.array(z.unknown()) });

/** The events a job carries, unread: each is checked on its own, so one bad event spoils no other. */
export function eventsOfInboundJob(data: unknown): unknown[] {
  const batch = inboundBatchSchema.safeParse(data);
  return batch.success ? batch.data.events : [data];
}

/** Up to this many events share one job: a job stays small, and a failing one retries few. */
export const MAX_EVENTS_PER_JOB = 100;

/**
 * Queues what webhook deliveries carry. Each caller's promise settles once its events are in Redis
 * (a delivery answers 200 only then) or rejects if they could not be queued (answer 5xx: the platform
 * delivers again). Deliveries handled in the same turn of the event loop share one Redis call and
 * one job per MAX_EVENTS_PER_JOB events: under load that is one queue script in this process and one
 * job in the worker for many messages, instead of one each. A lone event keeps its own job id.
 */
export function createInboundEnqueuer(queue: Queue<InboundJobData>): (events: PlatformEvent[]) => Promise<void> {
  let waiting: Array<{ events: PlatformEvent[]; resolve: () => void; reject: (reason: unknown) => void }> = [];

  const flush = () => {
    const callers = waiting;
    waiting = [];
    const events = callers.flatMap((caller) => caller.events);
    const queued =
      events.length === 1
        ? queue.add(jobName(events[0]!), events[0]!, { jobId: platformEventJobId(events[0]!) })
        : // addBulk is one MULTI: every batch of the turn is queued, or none is.
          queue.addBulk(
            Array.from({ length: Math.ceil(events.length / MAX_EVENTS_PER_JOB) }, (_, index) => ({
              name: 'webhook-batch',
              data: { events: events.slice(index * MAX_EVENTS_PER_JOB, (index + 1) * MAX_EVENTS_PER_JOB) },
            })),
          );
    queued.then(
      () => callers.forEach((caller) => caller.resolve()),
      (error: unknown) => callers.forEach((caller) => caller.reject(error)),
    );
  };

  return (events) => {
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ events, resolve, reject });
    });
  };
}

const jobName = (event: PlatformEvent) => `${event.channel}-${event.kind ?? 'message'}`;
