import { describe, expect, it } from 'vitest';
import { serialiseLikeMeta, signMetaBody } from './meta-json';
import { APP_SECRET, PAGE_ID, PAGE_TOKEN, T0, startHarness } from './test-harness';

const PSID = '24000000000000007';

describe('webhook delivery', () => {
  it('signs the body exactly as sent, with unicode escaped', async () => {
    const { fake, receiver } = await startHarness();

    await fake.sendUserMessage({ psid: PSID, text: 'Beic wedi’i ddwyn o’r café 🚲 https://example.org/x' });

    const [post] = await receiver.waitForPosts(1);
    const raw = post!.rawBody.toString('utf8');
    expect(raw).toMatch(/^[\x20-\x7e]*$/);
    expect(raw).toContain('caf\\u00e9 \\ud83d\\udeb2 https:\\/\\/example.org\\/x');
    expect(post!.headers['x-hub-signature-256']).toBe(signMetaBody(post!.rawBody, APP_SECRET));
    expect(post!.headers['content-type']).toBe('application/json');
  });

  it('sends the real Messenger envelope for a DM', async () => {
    const { fake, receiver } = await startHarness();

    const { mid, status } = await fake.sendUserMessage({ psid: PSID, text: 'Car blocking my drive', timestamp: T0 - 500 });

    expect(status).toBe(200);
    expect(mid).toMatch(/^m_[\w-]+$/);
    const [post] = await receiver.waitForPosts(1);
    expect(JSON.parse(post!.rawBody.toString())).toEqual({
      object: 'page',
      entry: [
        {
          id: PAGE_ID,
          time: T0,
          messaging: [
            { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: T0 - 500, message: { mid, text: 'Car blocking my drive' } },
          ],
        },
      ],
    });
  });

  it('redelivers a webhook that was not answered 200', async () => {
    const { fake, receiver } = await startHarness({ retryDelaysMs: [20, 40] });
    receiver.answerWith(500, 503);

    const { status } = await fake.sendUserMessage({ psid: PSID, text: 'Is anyone there?' });

    expect(status).toBe(500);
    const posts = await receiver.waitForPosts(3);
    expect(posts.map((post) => post.answered)).toEqual([500, 503, 200]);
    expect(new Set(posts.map((post) => post.rawBody.toString())).size).toBe(1);
  });

  it('drops the event once the redelivery schedule is used up', async () => {
    const { fake, receiver } = await startHarness({ retryDelaysMs: [10, 10] });
    receiver.answerWith(500, 500, 500, 500);

    await fake.sendUserMessage({ psid: PSID, text: 'Hello?' });
    await receiver.waitForPosts(3);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(receiver.received).toHaveLength(3);
  });

  it('reports status 0 when the webhook cannot be reached, and still opens the messaging window', async () => {
    const { fake, send } = await startHarness({ retryDelaysMs: [] });
    fake.setWebhookUrl('http://127.0.0.1:9/unreachable');

    const { status } = await fake.sendUserMessage({ psid: PSID, text: 'Hello' });

    expect(status).toBe(0);
    expect((await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Hi' } })).status).toBe(200);
  });

  it('delivers several DMs in one POST, one entry each', async () => {
    const { fake, receiver } = await startHarness();

    const { mids } = await fake.sendUserMessages([
      { psid: PSID, text: 'one' },
      { psid: '24000000000104736', text: 'two' },
    ]);

    const [post] = await receiver.waitForPosts(1);
    const body = JSON.parse(post!.rawBody.toString());
    expect(body.entry).toHaveLength(2);
    expect(body.entry.map((entry: any) => entry.messaging[0].message.mid)).toEqual(mids);
  });

  it('redelivers the last body byte for byte, as a duplicate', async () => {
    const { fake, receiver } = await startHarness();
    await fake.sendUserMessage({ psid: PSID, text: 'Twice?' });

    await fake.redeliverLast();

    const [first, second] = await receiver.waitForPosts(2);
    expect(second!.rawBody.equals(first!.rawBody)).toBe(true);
    expect(second!.headers['x-hub-signature-256']).toBe(first!.headers['x-hub-signature-256']);
  });

  it('delivers raw bytes with the signature it is given, or none', async () => {
    const { fake, receiver } = await startHarness();
    const body = serialiseLikeMeta({ object: 'page', entry: [] });

    await fake.deliverRaw(body, { signature: 'sha256=' + '0'.repeat(64) });
    await fake.deliverRaw(body, { signature: null });
    await fake.deliverRaw(Buffer.from(body));

    const posts = await receiver.waitForPosts(3);
    expect(posts.map((post) => post.headers['x-hub-signature-256'])).toEqual([
      'sha256=' + '0'.repeat(64),
      undefined,
      signMetaBody(body, APP_SECRET),
    ]);
  });

  it('echoes the Page’s own sends when message_echoes is on', async () => {
    const { fake, receiver, send } = await startHarness({ deliverEchoes: true, appId: 42 });
    await fake.sendUserMessage({ psid: PSID, text: 'Hi' });

    const sent = await send({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Officers are on the way.', metadata: 'desk:reply:1' },
    });

    const [, echo] = await receiver.waitForPosts(2);
    const event = JSON.parse(echo!.rawBody.toString()).entry[0].messaging[0];
    expect(event.sender).toEqual({ id: PAGE_ID });
    expect(event.message).toEqual({
      is_echo: true,
      app_id: 42,
      metadata: 'desk:reply:1',
      mid: sent.body.message_id,
      text: 'Officers are on the way.',
    });
  });

  it('makes the subscription handshake with a numeric challenge', async () => {
    const { fake } = await startHarness();

    const result = await fake.verifySubscription('verify-me');

    expect(result.status).toBe(200);
    expect(result.body).toBe(result.challenge);
    expect(result.challenge).toMatch(/^\d+$/);
  });

  it('refuses to send a DM before a webhook URL is set', async () => {
    const { fake } = await startHarness({ webhookUrl: undefined });
    await expect(fake.sendUserMessage({ psid: PSID, text: 'Hi' })).rejects.toThrow(/no webhook URL/);
  });
});

describe('the Graph server', () => {
  it('listens on 127.0.0.1 and serves only its Graph version', async () => {
    const { fake, graph } = await startHarness();

    const response = await graph('GET', `/v19.0/${PAGE_ID}`, { params: { access_token: PAGE_TOKEN } });

    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(2500);
  });

  it('reads the Page node', async () => {
    const { graph } = await startHarness({ pageName: 'Heddlu Dyfed-Powys Police' });

    const response = await graph('GET', `/v25.0/me`, { params: { access_token: PAGE_TOKEN } });

    expect(response.body).toEqual({ name: 'Heddlu Dyfed-Powys Police', id: PAGE_ID });
  });
});
