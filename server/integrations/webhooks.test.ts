import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate } from '../../shared/broadcasts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../shared/integrations';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../../scripts/testing/webhook-receiver';
import { contacts, threads, webhookDeliveries, webhookSubscriptions } from '../db/schema';
import { requeueStuckIntegrations } from './requeue-stuck-integrations';
import { sealSecret } from './sealed-secrets';
import { isValidSignature } from './signing';
import { sealPlainTextSecrets } from './webhook-subscriptions';

// Integrations subscribe to desk events; a real HTTP server receives them and checks the signature.

const SECRET = 'integration-secret-for-tests-0001';
let desk: TestDesk;
let integration: WebhookReceiver;
let adminCookie: string;
let controlRoomId: string;

beforeAll(async () => {
  integration = await startWebhookReceiver();
  desk = await startTestDesk({ environment: { INTEGRATION_RETRY_DELAY_MS: '50', INTEGRATION_ATTEMPTS: '3' } });
  adminCookie = (await desk.signIn('admin')).cookie;
  const directory = await desk.api('/api/directory', { cookie: adminCookie });
  controlRoomId = directory.body.teams.find((team: { name: string }) => team.name === 'Control room').id;
});
afterAll(async () => {
  await desk?.close();
  await integration?.close();
});

async function subscribe(eventTypes: string[], url = integration.url) {
  const created = await desk.api('/api/integrations/webhooks', { cookie: adminCookie, body: { url, eventTypes, secret: SECRET, description: 'Force data hub' } });
  expect(created.status).toBe(201);
  return created.body.subscription as { id: string };
}

const received = (type: string, matches: (request: ReceivedRequest) => boolean = () => true) =>
  eventually(async () => integration.received.find((request) => request.headers[EVENT_HEADER] === type && matches(request)));

/** A delivery stored but never queued, as Redis failing in between leaves it; the sweep sends it. */
async function deliverStranded(subscriptionId: string, eventId: string, receiver: WebhookReceiver) {
  await strandDelivery(subscriptionId, eventId);
  return eventually(async () => receiver.received.find((candidate) => candidate.body.id === eventId));
}

async function strandDelivery(subscriptionId: string, eventId: string) {
  await desk.desk.database.db.insert(webhookDeliveries).values({
    subscriptionId,
    eventType: 'thread.created',
    payload: { id: eventId, type: 'thread.created', occurredAt: '2026-11-25T10:00:00.000Z', data: {} },
    createdAt: new Date(Date.now() - 5 * 60_000),
  });
  expect(await requeueStuckIntegrations(desk.desk.database.db, desk.desk.integrationsQueue)).toBe(1);
}

const storedSecret = async (subscriptionId: string) =>
  (await desk.desk.database.db.select({ secret: webhookSubscriptions.secret }).from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscriptionId)))[0]!.secret;

const signatureVerifies = (request: ReceivedRequest) =>
  isValidSignature(SECRET, { timestamp: request.headers[TIMESTAMP_HEADER] as string, signature: request.headers[SIGNATURE_HEADER] as string }, request.rawBody);

describe('outbound webhooks', () => {
  it('sends a new thread and its message, signed so the receiver can verify them', async () => {
    await subscribe(['thread.created', 'message.received']);
    const thread = await messageArrives(desk, adminCookie, { text: 'Where do I collect my property from?' });

    const created = await received('thread.created', (request) => request.body.data.thread.id === thread.id);
    expect(signatureVerifies(created)).toBe(true);
    expect(created.body).toMatchObject({ type: 'thread.created', data: { thread: { id: thread.id, reference: thread.reference, channel: 'facebook', restricted: false } } });
    const message = await received('message.received', (request) => request.body.data.thread.id === thread.id);
    expect(signatureVerifies(message)).toBe(true);
    expect(message.body.data.message.text).toBe('Where do I collect my property from?');
    expect(signatureVerifies({ ...message, rawBody: message.rawBody.replace('property', 'proper7y') })).toBe(false);
  });

  it('retries a delivery the receiver answered with 500, and the delivery log shows both attempts', async () => {
    const retried = await startWebhookReceiver();
    try {
      const subscription = await subscribe(['escalation.created'], retried.url);
      retried.answerNext({ status: 500 });
      const thread = await messageArrives(desk, adminCookie, { text: 'My neighbour’s dog has been barking for two days' });
      const raised = await desk.api(`/api/threads/${thread.id}/escalations`, {
        cookie: adminCookie,
        body: { teamId: controlRoomId, reason: 'Welfare check', urgency: 'routine' },
      });
      const delivered = await eventually(async () => {
        const log = await desk.api(`/api/integrations/webhooks/${subscription.id}/deliveries`, { cookie: adminCookie });
        return log.body.deliveries.find((delivery: { status: string }) => delivery.status === 'delivered');
      });
      expect(delivered).toMatchObject({ eventType: 'escalation.created', attempts: 2, lastStatusCode: 200, lastError: null });
      expect(retried.received).toHaveLength(2);
      expect(retried.received[0]!.headers[DELIVERY_HEADER]).toBe(retried.received[1]!.headers[DELIVERY_HEADER]);
      expect(retried.received[1]!.body.data.escalation).toMatchObject({ id: raised.body.escalation.id, reason: 'Welfare check' });
      const list = await desk.api('/api/integrations/webhooks', { cookie: adminCookie });
      expect(list.body.subscriptions.find((row: { id: string }) => row.id === subscription.id)).toMatchObject({ deliveries: { delivered: 1, failed: 0, pending: 0 } });
      expect(JSON.stringify(list.body)).not.toContain(SECRET);
    } finally {
      await retried.close();
    }
  });

  it('records a delivery as failed, with the last error, once its attempts are spent', async () => {
    const failing = await startWebhookReceiver();
    try {
      failing.answerNext({ status: 502 }, { status: 502 }, { status: 502 });
      const subscription = await subscribe(['escalation.updated'], failing.url);
      const thread = await messageArrives(desk, adminCookie, { text: 'Can I report a pothole here?' });
      const raised = await desk.api(`/api/threads/${thread.id}/escalations`, { cookie: adminCookie, body: { teamId: controlRoomId, reason: 'Roads', urgency: 'routine' } });
      await desk.api(`/api/escalations/${raised.body.escalation.id}/acknowledge`, { cookie: adminCookie, method: 'POST' });
      const failed = await eventually(async () => {
        const log = await desk.api(`/api/integrations/webhooks/${subscription.id}/deliveries`, { cookie: adminCookie });
        return log.body.deliveries.find((delivery: { status: string }) => delivery.status === 'failed');
      });
      expect(failed).toMatchObject({ eventType: 'escalation.updated', attempts: 3, lastStatusCode: 502, lastError: 'answered 502' });

      // The receiver is fixed: an admin sends it again.
      const retried = await desk.api(`/api/integrations/webhooks/${subscription.id}/deliveries/${failed.id}/retry`, { cookie: adminCookie, body: {} });
      expect(retried.status).toBe(200);
      const delivered = await eventually(async () => {
        const log = await desk.api(`/api/integrations/webhooks/${subscription.id}/deliveries`, { cookie: adminCookie });
        return log.body.deliveries.find((delivery: { id: string; status: string }) => delivery.id === failed.id && delivery.status === 'delivered');
      });
      expect(delivered).toMatchObject({ attempts: 4, lastStatusCode: 200, lastError: null });
      expect((await desk.api(`/api/integrations/webhooks/${subscription.id}/deliveries/${failed.id}/retry`, { cookie: adminCookie, body: {} })).status).toBe(409);
    } finally {
      await failing.close();
    }
  });

  it('carries only ids and counts for a restricted thread', async () => {
    const restricted = await startWebhookReceiver();
    try {
      const thread = await messageArrives(desk, adminCookie, { text: 'Could an officer call me about my ex' });
      const me = (await desk.api('/api/auth/me', { cookie: adminCookie })).body.agent.id;
      await setThreadColumns(desk, thread.id, { restricted: true, category: 'domestic-abuse', assigneeId: me });
      await subscribe(['escalation.created', 'message.received'], restricted.url);
      await desk.facebook.sendUserMessage({ psid: await psidOf(thread.id), text: 'He is outside my house now with a knife' });
      await desk.api(`/api/threads/${thread.id}/escalations`, { cookie: adminCookie, body: { teamId: controlRoomId, reason: 'Ex partner with knife outside', urgency: 'immediate' } });
      const message = await eventually(async () => restricted.received.find((request) => request.headers[EVENT_HEADER] === 'message.received' && request.body.data.thread.id === thread.id));
      const escalation = await eventually(async () => restricted.received.find((request) => request.headers[EVENT_HEADER] === 'escalation.created'));
      expect(message.body.data).toEqual({ thread: { id: thread.id, restricted: true }, message: { id: expect.any(String), attachmentCount: 0, sentAt: expect.any(String) } });
      expect(escalation.body.data.escalation).toEqual({ id: expect.any(String), threadId: thread.id, teamId: controlRoomId, status: 'raised', restricted: true });
      for (const request of restricted.received) {
        expect(request.rawBody).not.toMatch(/knife|ex partner|Could an officer/i);
        expect(request.rawBody).not.toContain(thread.reference);
      }
    } finally {
      await restricted.close();
    }
  });

  it('sends a broadcast as each channel post goes out', async () => {
    const published = await startWebhookReceiver();
    try {
      await subscribe(['broadcast.published'], published.url);
      const fields = { road: 'A48', junction: 'Culverhouse Cross', diversion: 'via the A4232. ' };
      const text = renderTemplate('road_closure', 'en', fields);
      const drafted = await desk.api('/api/broadcasts', {
        cookie: adminCookie,
        body: { template: 'road_closure', language: 'en', fields, text, link: null, areaTags: ['North'], channels: ['facebook'], scheduledAt: null },
      });
      expect(drafted.status).toBe(201);
      await desk.api(`/api/broadcasts/${drafted.body.broadcast.id}/submit`, { cookie: adminCookie, body: {} });
      const request = await eventually(async () => published.received.find((candidate) => candidate.headers[EVENT_HEADER] === 'broadcast.published'));
      expect(signatureVerifies(request)).toBe(true);
      expect(request.body.data).toMatchObject({ broadcast: { id: drafted.body.broadcast.id, template: 'road_closure', text }, post: { channel: 'facebook' } });
      expect(request.body.data.post.permalink).toEqual(expect.any(String));
    } finally {
      await published.close();
    }
  });

  it('sends a delivery that was stored but never queued (Redis failed in between) on the next sweep', async () => {
    const stranded = await startWebhookReceiver();
    try {
      const subscription = await subscribe(['thread.created'], stranded.url);
      const request = await deliverStranded(subscription.id, 'stranded-event', stranded);
      expect(signatureVerifies(request)).toBe(true);
      await eventually(async () => (await requeueStuckIntegrations(desk.desk.database.db, desk.desk.integrationsQueue)) === 0);
      expect(stranded.received).toHaveLength(1);
    } finally {
      await stranded.close();
    }
  });

  it('stores a subscription’s secret encrypted, and signs its deliveries with the secret as given', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const subscription = await subscribe(['thread.created'], receiver.url);
      expect(await storedSecret(subscription.id)).not.toContain(SECRET);
      expect(signatureVerifies(await deliverStranded(subscription.id, 'signed-with-encrypted-secret', receiver))).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('keeps signing with a secret stored in plain text before secrets were encrypted, and encrypts it at the next start', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const subscription = await subscribe(['thread.created'], receiver.url);
      await desk.desk.database.db.update(webhookSubscriptions).set({ secret: SECRET }).where(eq(webhookSubscriptions.id, subscription.id));
      expect(signatureVerifies(await deliverStranded(subscription.id, 'signed-with-plain-secret', receiver))).toBe(true);

      expect(await sealPlainTextSecrets(desk.desk.database.db, desk.config.dataEncryptionKey)).toBe(1);
      expect(await storedSecret(subscription.id)).not.toContain(SECRET);
      expect(signatureVerifies(await deliverStranded(subscription.id, 'signed-after-encrypting', receiver))).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('records a delivery as failed, naming the key, when its secret was encrypted under another DATA_ENCRYPTION_KEY', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const subscription = await subscribe(['thread.created'], receiver.url);
      await desk.desk.database.db
        .update(webhookSubscriptions)
        .set({ secret: sealSecret(randomBytes(32), SECRET) })
        .where(eq(webhookSubscriptions.id, subscription.id));
      await strandDelivery(subscription.id, 'sealed-under-another-key');
      const failed = await eventually(async () => {
        const log = await desk.api(`/api/integrations/webhooks/${subscription.id}/deliveries`, { cookie: adminCookie });
        return log.body.deliveries.find((delivery: { status: string }) => delivery.status === 'failed');
      });
      expect(failed.lastError).toContain('DATA_ENCRYPTION_KEY');
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('is managed by admins only', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const { cookie } = await desk.signIn(role);
      expect((await desk.api('/api/integrations/webhooks', { cookie })).status).toBe(403);
      expect((await desk.api('/api/integrations/webhooks', { cookie, body: { url: integration.url, eventTypes: ['thread.created'] } })).status).toBe(403);
    }
    expect((await desk.api('/api/integrations/webhooks')).status).toBe(401);
    const invalid = await desk.api('/api/integrations/webhooks', { cookie: adminCookie, body: { url: 'not a url', eventTypes: ['thread.deleted'] } });
    expect(invalid.status).toBe(400);
  });

  it('stops sending to a paused subscription and forgets a deleted one', async () => {
    const paused = await startWebhookReceiver();
    try {
      const subscription = await subscribe(['thread.created'], paused.url);
      const pausedResponse = await desk.api(`/api/integrations/webhooks/${subscription.id}`, { cookie: adminCookie, method: 'PATCH', body: { isActive: false } });
      expect(pausedResponse.body.subscription.isActive).toBe(false);
      await messageArrives(desk, adminCookie, { text: 'What time does the front counter open?' });
      await desk.inboundSettled();
      expect(paused.received).toHaveLength(0);
      expect((await desk.api(`/api/integrations/webhooks/${subscription.id}`, { cookie: adminCookie, method: 'DELETE' })).status).toBe(204);
      expect((await desk.api(`/api/integrations/webhooks/${subscription.id}/deliveries`, { cookie: adminCookie })).status).toBe(404);
    } finally {
      await paused.close();
    }
  });
});

async function psidOf(threadId: string): Promise<string> {
  const [row] = await desk.desk.database.db
    .select({ psid: contacts.platformUserId })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .where(eq(threads.id, threadId));
  return row!.psid;
}
