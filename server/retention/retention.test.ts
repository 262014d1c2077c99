import { Queue } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { redisKeys } from '../desk';
import { auditEvents, broadcasts, contacts, messages, teams, threads, uploads, webhookDeliveries, webhookSubscriptions } from '../db/schema';
import { addAgentToTeam } from '../teams/teams.service';
import { RETENTION_QUEUE } from './retention-sweeper';

let desk: TestDesk;
let retentionQueue: Queue;
beforeAll(async () => {
  desk = await startTestDesk({ environment: { RETENTION_CLOSED_DAYS: '30' } });
  retentionQueue = new Queue(RETENTION_QUEUE, { connection: { url: desk.config.redis.url }, prefix: redisKeys(desk.redisPrefix).queues });
});
afterAll(async () => {
  await retentionQueue?.close();
  await desk?.close();
});

const DAY = 24 * 3600 * 1000;

async function threadFrom(psid: string, ...texts: string[]) {
  for (const text of texts) await desk.facebook.sendUserMessage({ psid, text });
  return eventually(async () => {
    const [row] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid));
    if (!row) return undefined;
    const stored = await desk.desk.database.db.select().from(messages).where(eq(messages.threadId, row.id));
    return stored.length === texts.length ? row : undefined;
  });
}

async function closeDaysAgo(threadId: string, days: number) {
  const { db } = desk.desk.database;
  await db.update(threads).set({ status: 'closed' }).where(eq(threads.id, threadId));
  await db.update(threads).set({ closedAt: new Date(Date.now() - days * DAY) }).where(eq(threads.id, threadId));
}

describe('retention', () => {
  it('is scheduled in the worker as a BullMQ job scheduler, every RETENTION_SWEEP_MINUTES', async () => {
    const schedulers = await retentionQueue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: 'purge-closed-threads', every: 60 * 60_000 })]);
  });

  it('purges threads closed longer than the period — messages and the sender’s details — and audits the counts only', async () => {
    const { db } = desk.desk.database;
    const old = await threadFrom('6100000000000001', 'My bike was stolen from Station Road', 'It is a red Raleigh, frame number 12345');
    const recent = await threadFrom('6100000000000002', 'Someone keeps parking across my drive');
    const open = await threadFrom('6100000000000003', 'Is the A38 closed tonight?');
    // The photo of the bike, as the platform's CDN link would be stored.
    await db.update(messages).set({ attachments: [{ type: 'image', url: 'https://cdn.example/bike.jpg' }] }).where(eq(messages.threadId, old.id));
    await closeDaysAgo(old.id, 45);
    await closeDaysAgo(recent.id, 5);

    await retentionQueue.add('purge-closed-threads', {});
    const [purge] = await eventually(async () => {
      const rows = await db.select().from(auditEvents).where(eq(auditEvents.action, 'retention.purged'));
      return rows.length ? rows : undefined;
    });

    expect(purge!.details).toEqual({ threads: 1, messages: 2, attachments: 2, contacts: 1, uploads: 0, webhookDeliveries: 0, closedDays: 30, deliveryLogDays: 90 });
    expect(await db.select().from(messages).where(eq(messages.threadId, old.id))).toEqual([]);
    const [purged] = await db.select().from(threads).where(eq(threads.id, old.id));
    expect(purged).toMatchObject({ reference: old.reference, lastMessagePreview: '', status: 'closed' });
    expect(purged!.purgedAt).toBeInstanceOf(Date);
    const [forgotten] = await db.select().from(contacts).where(eq(contacts.id, old.contactId));
    expect(forgotten).toMatchObject({ displayName: null, handle: null, platformUserId: `purged:${old.contactId}` });

    for (const kept of [recent, open]) {
      expect(await db.select().from(messages).where(eq(messages.threadId, kept.id))).toHaveLength(1);
    }
    const { cookie } = await desk.signIn('supervisor');
    const opened = await desk.api(`/api/threads/${old.id}`, { cookie });
    expect(opened.status).toBe(200);
    expect(opened.body.messages).toEqual([]);
    expect(JSON.stringify(opened.body)).not.toContain('Raleigh');
  });

  it('keeps a sender’s details while another of their threads is still held', async () => {
    const { db } = desk.desk.database;
    const first = await threadFrom('6100000000000004', 'I lost my wallet on the bus');
    const [second] = await db
      .insert(threads)
      .values({ reference: 'SMD-2026-990001', channelId: first.channelId, platformConversationId: 'second-conversation', contactId: first.contactId, lastMessageAt: new Date() })
      .returning();
    await closeDaysAgo(first.id, 60);

    await retentionQueue.add('purge-closed-threads', {});
    await eventually(async () => (await db.select().from(threads).where(and(eq(threads.id, first.id))))[0]?.purgedAt);

    const [contact] = await db.select().from(contacts).where(eq(contacts.id, first.contactId));
    expect(contact!.platformUserId).toBe('6100000000000004');
    expect((await db.select().from(threads).where(eq(threads.id, second!.id)))[0]!.purgedAt).toBeNull();
  });
});

describe('retention of what threads leave behind', () => {
  async function imageUploaded(agentId: string, hoursAgo: number): Promise<string> {
    const [row] = await desk.desk.database.db
      .insert(uploads)
      .values({ contentType: 'image/png', byteSize: 4, data: Buffer.from('test'), uploadedById: agentId, createdAt: new Date(Date.now() - hoursAgo * 3600 * 1000) })
      .returning({ id: uploads.id });
    return row!.id;
  }

  it('deletes the images of a purged thread and images never sent after a day, and keeps images still shown', async () => {
    const { db } = desk.desk.database;
    const { agentId } = await desk.signIn('supervisor');
    const purgedThread = await threadFrom('6100000000000011', 'Here is the car that hit my fence');
    const keptThread = await threadFrom('6100000000000012', 'Photo of the damage attached');
    const onPurgedThread = await imageUploaded(agentId, 24 * 60);
    const onKeptThread = await imageUploaded(agentId, 24 * 60);
    const onBroadcast = await imageUploaded(agentId, 24 * 60);
    const neverSent = await imageUploaded(agentId, 25);
    const justUploaded = await imageUploaded(agentId, 1);
    await db.update(messages).set({ attachments: [{ type: 'image', url: null, uploadId: onPurgedThread }] }).where(eq(messages.threadId, purgedThread.id));
    await db.update(messages).set({ attachments: [{ type: 'image', url: null, uploadId: onKeptThread }] }).where(eq(messages.threadId, keptThread.id));
    await db.insert(broadcasts).values({
      template: 'missing_person', language: 'en', fields: {}, text: 'Have you seen Sam?', images: [{ uploadId: onBroadcast, altText: 'Sam, smiling' }],
      areaTags: [], status: 'approved', createdById: agentId,
    });
    await closeDaysAgo(purgedThread.id, 40);

    await retentionQueue.add('purge-closed-threads', {});
    await eventually(async () => (await db.select().from(uploads).where(eq(uploads.id, neverSent))).length === 0);

    const remaining = (await db.select({ id: uploads.id }).from(uploads)).map((row) => row.id);
    expect(remaining).toEqual(expect.arrayContaining([onKeptThread, onBroadcast, justUploaded]));
    expect(remaining).not.toContain(onPurgedThread);
    expect(remaining).not.toContain(neverSent);
  });

  it('deletes webhook delivery log entries older than WEBHOOK_DELIVERY_LOG_DAYS, except those still being delivered', async () => {
    const { db } = desk.desk.database;
    const [subscription] = await db.insert(webhookSubscriptions).values({ url: 'http://127.0.0.1:9/hook', secret: 'test-secret', eventTypes: ['thread.created'] }).returning();
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
    const entry = (status: 'delivered' | 'failed' | 'pending', createdAt: Date) =>
      ({ subscriptionId: subscription!.id, eventType: 'thread.created' as const, payload: { threadId: 'x' }, status, createdAt });
    const rows = await db
      .insert(webhookDeliveries)
      .values([entry('delivered', daysAgo(120)), entry('failed', daysAgo(95)), entry('pending', daysAgo(100)), entry('delivered', daysAgo(10))])
      .returning({ id: webhookDeliveries.id, status: webhookDeliveries.status, createdAt: webhookDeliveries.createdAt });

    await retentionQueue.add('purge-closed-threads', {});
    await eventually(async () => (await db.select().from(webhookDeliveries)).length === 2);

    const kept = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries);
    expect(kept.map((row) => row.id).sort()).toEqual([rows[2]!.id, rows[3]!.id].sort());
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, 'retention.purged'));
    expect(audits.some((audit) => audit.details.webhookDeliveries === 2)).toBe(true);
  });
});

describe('subject-access export', () => {
  it('is refused to agents', async () => {
    const thread = await threadFrom('6200000000000001', 'Hello, is anyone there?');
    const { cookie } = await desk.signIn('agent');
    expect((await desk.api(`/api/contacts/${thread.contactId}/subject-access`, { cookie })).status).toBe(403);
  });

  it('gives a supervisor everything held about one contact as JSON, and audits the export without its content', async () => {
    const thread = await threadFrom('6200000000000002', 'My car was broken into on Elm Street last night');
    const supervisor = await desk.signIn('supervisor');
    const response = await fetch(`${desk.url}/api/contacts/${thread.contactId}/subject-access`, { headers: { cookie: supervisor.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`subject-access-${thread.contactId}.json`);
    const bundle = await response.json();
    expect(bundle.contact).toMatchObject({ id: thread.contactId, channel: 'facebook', platformUserId: '6200000000000002' });
    expect(bundle.threads).toHaveLength(1);
    expect(bundle.threads[0]).toMatchObject({ reference: thread.reference });
    expect(bundle.threads[0].messages.map((message: { text: string }) => message.text)).toEqual(['My car was broken into on Elm Street last night']);
    expect(bundle.withheldRestrictedThreads).toBe(0);

    const [audit] = await desk.desk.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'contact.subject_access_exported'), eq(auditEvents.actorAgentId, supervisor.agentId)));
    expect(audit!.details).toEqual({ contactId: thread.contactId, threads: 1, messages: 1, withheldRestrictedThreads: 0 });
  });

  it('withholds a restricted thread from a supervisor not cleared for it, and says one was withheld', async () => {
    const { db } = desk.desk.database;
    const disclosure = 'I was raped by my landlord last month and I am scared to report it';
    await desk.facebook.sendUserMessage({ psid: '6200000000000003', text: disclosure });
    const thread = await eventually(async () => {
      const [row] = await db.select().from(threads).where(eq(threads.platformConversationId, '6200000000000003'));
      return row?.restricted ? row : undefined;
    });
    const uncleared = await desk.signIn('supervisor');
    const withheld = await desk.api(`/api/contacts/${thread.contactId}/subject-access`, { cookie: uncleared.cookie });
    expect(withheld.body).toMatchObject({ threads: [], withheldRestrictedThreads: 1 });
    expect(JSON.stringify(withheld.body)).not.toContain('landlord');

    const cleared = await desk.signIn('supervisor');
    const [safeguarding] = await db.select().from(teams).where(eq(teams.name, 'Safeguarding'));
    await addAgentToTeam(db, cleared.agentId, safeguarding!.id);
    const full = await desk.api(`/api/contacts/${thread.contactId}/subject-access`, { cookie: cleared.cookie });
    expect(full.body.threads[0].messages[0].text).toBe(disclosure);
  });
});
