import { describe, expect, it } from 'vitest';
import { HOUR, PAGE_ID, PAGE_TOKEN, startHarness } from './test-harness';

const PSID = '24000000000000007';
const reply = (text = 'Officers are on the way.') => ({
  recipient: { id: PSID },
  messaging_type: 'RESPONSE',
  message: { text },
});

/** A harness in which PSID messaged the Page `ageMs` ago. */
async function afterUserMessage(ageMs = 0) {
  const harness = await startHarness();
  await harness.fake.sendUserMessage({ psid: PSID, name: 'Siân Pritchard', text: 'Hi' });
  harness.clock.now += ageMs;
  return harness;
}

describe('Send API', () => {
  it('accepts a reply inside the 24-hour window and returns recipient_id and message_id', async () => {
    const { send, fake, clock } = await afterUserMessage(23 * HOUR);

    const response = await send(reply());

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(response.body).toEqual({ recipient_id: PSID, message_id: expect.stringMatching(/^m_[\w-]+$/) });
    expect(fake.sentMessages).toEqual([
      { recipientId: PSID, text: 'Officers are on the way.', messagingType: 'RESPONSE', messageId: response.body.message_id, at: clock.now },
    ]);
  });

  it('reports app usage in X-App-Usage on every response', async () => {
    const { send } = await afterUserMessage();

    const ok = await send(reply());
    const failed = await send({});

    for (const response of [ok, failed]) {
      expect(JSON.parse(String(response.headers['x-app-usage']))).toEqual({
        call_count: expect.any(Number),
        total_time: expect.any(Number),
        total_cputime: expect.any(Number),
      });
    }
  });

  it('takes the token from an Authorization: Bearer header, on /me/messages too', async () => {
    const { graph } = await afterUserMessage();

    const response = await graph('POST', '/v25.0/me/messages', {
      headers: { Authorization: `Bearer ${PAGE_TOKEN}` },
      data: reply(),
    });

    expect(response.status).toBe(200);
  });

  it('accepts a form-encoded body with JSON-string values and the token in it', async () => {
    const { graph, fake } = await afterUserMessage();

    const response = await graph('POST', `/v25.0/${PAGE_ID}/messages`, {
      data: new URLSearchParams({
        recipient: JSON.stringify({ id: PSID }),
        messaging_type: 'RESPONSE',
        message: JSON.stringify({ text: 'Diolch, café 🚓' }),
        access_token: PAGE_TOKEN,
      }),
    });

    expect(response.status).toBe(200);
    expect(fake.sentMessages[0]?.text).toBe('Diolch, café 🚓');
  });

  it('rejects a bad token with code 190', async () => {
    const { graph } = await afterUserMessage();

    const response = await graph('POST', `/v25.0/${PAGE_ID}/messages`, { params: { access_token: 'stale' }, data: reply() });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        message: 'Error validating access token: Session has expired',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
        fbtrace_id: expect.any(String),
      },
    });
  });

  it('rejects a missing token with code 190', async () => {
    const { graph } = await afterUserMessage();
    const response = await graph('POST', `/v25.0/${PAGE_ID}/messages`, { data: reply() });
    expect(response.body.error.code).toBe(190);
  });

  it('refuses a send outside the 24-hour window with code 10 / 2018278', async () => {
    const { send, fake } = await afterUserMessage(24 * HOUR + 1);

    const response = await send(reply());

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      message: '(#10) This message is sent outside of allowed window.',
      type: 'OAuthException',
      code: 10,
      error_subcode: 2018278,
    });
    expect(fake.sentMessages).toEqual([]);
  });

  it('allows HUMAN_AGENT up to 7 days', async () => {
    const { send } = await afterUserMessage(7 * 24 * HOUR);

    const response = await send({ ...reply(), messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    expect(response.status).toBe(200);
  });

  it('refuses HUMAN_AGENT after 7 days with code 10 / 2018278', async () => {
    const { send } = await afterUserMessage(7 * 24 * HOUR + 1);

    const response = await send({ ...reply(), messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    expect(response.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
  });

  it('measures the window from setLastInboundAt', async () => {
    const { send, fake, clock } = await afterUserMessage();
    fake.setLastInboundAt(PSID, clock.now - 25 * HOUR);

    expect((await send(reply())).body.error.error_subcode).toBe(2018278);
  });

  it('answers a PSID that never messaged the Page with 100 / 2018001', async () => {
    const { send } = await startHarness();

    const response = await send(reply());

    expect(response.body.error).toMatchObject({ code: 100, error_subcode: 2018001, message: '(#100) No matching user found' });
  });

  it.each([
    ['recipient', { messaging_type: 'RESPONSE', message: { text: 'x' } }, /recipient/],
    ['message', { recipient: { id: PSID }, messaging_type: 'RESPONSE' }, /message/],
    ['messaging_type', { recipient: { id: PSID }, message: { text: 'x' } }, /messaging_type/],
    ['tag', { recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', message: { text: 'x' } }, /tag/],
  ])('answers a request without %s with code 100 naming it', async (_name, body, pattern) => {
    const { send } = await afterUserMessage();

    const response = await send(body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(100);
    expect(response.body.error.message).toMatch(pattern);
  });

  it('answers text and an attachment in one call with code 100', async () => {
    const { send } = await afterUserMessage();
    const response = await send({
      ...reply(),
      message: { text: 'x', attachment: { type: 'image', payload: { url: 'https://example.org/a.jpg' } } },
    });
    expect(response.body.error.code).toBe(100);
  });

  it('answers text over 2000 characters with code 100', async () => {
    const { send } = await afterUserMessage();
    expect((await send(reply('a'.repeat(2001)))).body.error.code).toBe(100);
  });

  it('accepts an attachment and records it with no text', async () => {
    const { send, fake } = await afterUserMessage();

    const response = await send({
      ...reply(),
      message: { attachment: { type: 'image', payload: { url: 'https://example.org/a.jpg', is_reusable: true } } },
    });

    expect(response.status).toBe(200);
    expect(fake.sentMessages[0]?.text).toBeUndefined();
  });

  it('answers malformed JSON with code 100', async () => {
    const { graph } = await afterUserMessage();

    const response = await graph('POST', `/v25.0/${PAGE_ID}/messages`, {
      params: { access_token: PAGE_TOKEN },
      headers: { 'Content-Type': 'application/json' },
      data: '{"recipient":',
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 100, type: 'OAuthException', fbtrace_id: expect.any(String) });
  });

  it('fails the next sends with an injected platform error, then recovers', async () => {
    const { send, fake } = await afterUserMessage();
    fake.failNextSends(2, { httpStatus: 400, code: 613, message: '(# 613) Calls to this api have exceeded the rate limit.' });

    const statuses = [await send(reply()), await send(reply()), await send(reply())].map((r) => r.body.error?.code ?? r.status);

    expect(statuses).toEqual([613, 613, 200]);
    expect(fake.sentMessages).toHaveLength(1);
  });

  it('marks temporary failures as transient, as Meta does', async () => {
    const { send, fake } = await afterUserMessage();
    fake.failNextSends(1, { httpStatus: 500, code: 2, message: 'An unexpected error has occurred. Please retry your request later.' });

    const response = await send(reply());

    expect(response.status).toBe(500);
    expect(response.body.error).toMatchObject({ code: 2, is_transient: true });
  });

  it('resolves nextSentMessage with the next successful send', async () => {
    const { send, fake } = await afterUserMessage();

    const next = fake.nextSentMessage(1000);
    await send(reply('Thanks, logged.'));

    await expect(next).resolves.toMatchObject({ recipientId: PSID, text: 'Thanks, logged.' });
  });

  it('rejects nextSentMessage when nothing is sent in time', async () => {
    const { fake } = await afterUserMessage();
    await expect(fake.nextSentMessage(20)).rejects.toThrow(/no message was sent within 20 ms/);
  });
});
