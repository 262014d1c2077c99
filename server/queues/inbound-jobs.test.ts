import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformEventJobId, type InboundEvent } from '../../shared/inbound';
import { createInboundEnqueuer, eventsOfInboundJob, type InboundJobData } from './inbound-jobs';

// What a webhook's events become in Redis, on a real Redis: the queue the worker reads.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `sdtest${randomBytes(5).toString('hex')}`;
let queue: Queue<InboundJobData>;

beforeAll(() => {
  queue = new Queue<InboundJobData>('inbound', { connection: { url: redisUrl }, prefix });
});
afterAll(async () => {
  await queue.close();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

let sequence = 0;
const message = (text: string): InboundEvent => {
  sequence += 1;
  return {
    channel: 'facebook',
    accountId: '104857600000001',
    platformMessageId: `m_enqueue_${prefix}_${sequence}`,
    platformConversationId: `79000000000${sequence}`,
    sender: { platformUserId: `79000000000${sequence}`, displayName: null, handle: null },
    text,
    attachments: [],
    sentAt: new Date().toISOString(),
  };
};

const queuedJobs = async () => {
  const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
  return jobs.sort((a, b) => a.timestamp - b.timestamp || Number(a.id) - Number(b.id));
};

describe('Queueing what webhook deliveries carry', () => {
  it('queues deliveries handled together as one job holding all their messages, in order, and answers each only then', async () => {
    await queue.obliterate({ force: true });
    const events = Array.from({ length: 30 }, (_, index) => message(`delivery ${index}`));
    const enqueue = createInboundEnqueuer(queue);
    const answered: number[] = [];
    await Promise.all(events.map((event, index) => enqueue([event]).then(() => answered.push(index))));
    expect(answered).toHaveLength(30);
    const jobs = await queuedJobs();
    expect(jobs).toHaveLength(1);
    expect((eventsOfInboundJob(jobs[0]!.data) as InboundEvent[]).map((event) => event.text)).toEqual(events.map((event) => event.text));
  });

  it('keeps a lone message’s own job id, so the same message from a webhook and a poll is one job', async () => {
    await queue.obliterate({ force: true });
    const event = message('on its own');
    const enqueue = createInboundEnqueuer(queue);
    await enqueue([event]);
    await queue.add('facebook-message', event, { jobId: platformEventJobId(event) }); // the poller's add
    const jobs = await queuedJobs();
    expect(jobs.map((job) => job.id)).toEqual([platformEventJobId(event)]);
  });

  it('splits a large batch into jobs of at most 100 messages, none left out', async () => {
    await queue.obliterate({ force: true });
    const events = Array.from({ length: 250 }, (_, index) => message(`big batch ${index}`));
    await createInboundEnqueuer(queue)(events);
    const jobs = await queuedJobs();
    expect(jobs.map((job) => eventsOfInboundJob(job.data).length)).toEqual([100, 100, 50]);
    expect(jobs.flatMap((job) => (eventsOfInboundJob(job.data) as InboundEvent[]).map((event) => event.text))).toEqual(events.map((event) => event.text));
  });

  it('fails every delivery of the turn when Redis cannot take them, so the platform delivers them again', async () => {
    const closed = new Queue<InboundJobData>('inbound', { connection: { url: redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 0 }, prefix });
    await closed.waitUntilReady();
    await closed.disconnect();
    const enqueue = createInboundEnqueuer(closed);
    const outcomes = await Promise.allSettled([enqueue([message('lost 1')]), enqueue([message('lost 2')]), enqueue([message('lost 3')])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await closed.close().catch(() => {});
  });
});
