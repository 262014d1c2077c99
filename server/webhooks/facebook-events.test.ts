import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView, ThreadDetailResponse } from '../../shared/api';
import { eventually, startTestDesk, TEST_PAGE_ID, type TestDesk } from '../../scripts/testing/test-desk';
import { contacts } from '../db/schema';

// Every Messenger webhook event kind (contracts/platforms.md §1), delivered signed over real HTTP
// by the fake Graph server, stored by the real worker, read back through the desk's API.

let desk: TestDesk;
let cookie: string;
beforeAll(async () => {
  desk = await startTestDesk({ facebook: { deliverEchoes: true } });
  ({ cookie } = await desk.signIn());
});
afterAll(async () => {
  await desk?.close();
});

let psidCounter = 7_300_000_000_000_000;
const newPsid = () => String((psidCounter += 1));

function fromPerson(psid: string, timestamp: number, body: Record<string, unknown>) {
  return { sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp, ...body };
}

/** The conversation whose messages name this PSID. */
async function conversationOf(psid: string): Promise<ThreadDetailResponse> {
  return eventually(async () => {
    const threads = (await desk.api('/api/threads', { cookie })).body.threads as Array<{ id: string; contact: { id: string } }>;
    for (const thread of threads) {
      const detail = (await desk.api(`/api/threads/${thread.id}`, { cookie })).body as ThreadDetailResponse;
      if (detail.messages.some((message) => message.text.includes(psid))) return detail;
    }
    return undefined;
  });
}

/** A DM whose text names its sender's PSID, so the test finds its thread. */
async function openConversation(psid: string, name = 'Sam Jones'): Promise<ThreadDetailResponse> {
  await desk.facebook.sendUserMessage({ psid, name, text: `Hello from ${psid}` });
  return conversationOf(psid);
}

async function messagesOf(threadId: string): Promise<MessageView[]> {
  return ((await desk.api(`/api/threads/${threadId}`, { cookie })).body as ThreadDetailResponse).messages;
}

async function replyAndWaitUntilSent(threadId: string, text: string): Promise<MessageView> {
  const reply = await desk.api(`/api/threads/${threadId}/replies`, { cookie, body: { clientId: randomUUID(), text } });
  expect(reply.status).toBe(201);
  return eventually(async () => (await messagesOf(threadId)).find((m) => m.id === reply.body.message.id && m.deliveryStatus === 'sent'));
}

describe('Messenger messages with more than text', () => {
  it('stores attachments of every type, including a fallback without a payload', async () => {
    const psid = newPsid();
    const { thread } = await openConversation(psid);
    const attachments = [
      { type: 'image', payload: { url: 'https://scontent.example/photo.jpg' } },
      { type: 'audio', payload: { url: 'https://cdn.example/voice.mp4' } },
      { type: 'video', payload: { url: 'https://cdn.example/clip.mp4' } },
      { type: 'file', payload: { url: 'https://cdn.example/statement.pdf' } },
      { type: 'image', payload: { url: 'https://scontent.example/sticker.png', sticker_id: 369239263222822 } },
      { type: 'fallback', payload: null },
      { type: 'fallback', title: 'A shared link', URL: 'https://example.org', payload: { URL: 'https://example.org/page' } },
    ];
    expect(await desk.facebook.deliverEvents([fromPerson(psid, Date.now(), { message: { mid: `m_att_${psid}`, attachments } })])).toBe(200);

    const stored = await eventually(async () => (await messagesOf(thread.id)).find((m) => m.attachments.length > 0));
    expect(stored.attachments).toEqual([
      { type: 'image', url: 'https://scontent.example/photo.jpg' },
      { type: 'audio', url: 'https://cdn.example/voice.mp4' },
      { type: 'video', url: 'https://cdn.example/clip.mp4' },
      { type: 'file', url: 'https://cdn.example/statement.pdf' },
      { type: 'image', url: 'https://scontent.example/sticker.png' },
      { type: 'fallback', url: null },
      { type: 'fallback', url: 'https://example.org/page' },
    ]);
  });

  it('shows which earlier message a reply answers', async () => {
    const psid = newPsid();
    await desk.facebook.sendUserMessage({ psid, text: `The van was white, ${psid}`, mid: `m_first_${psid}` });
    const { thread } = await conversationOf(psid);
    await desk.facebook.deliverEvents([
      fromPerson(psid, Date.now(), { message: { mid: `m_reply_${psid}`, text: 'Actually it was grey', reply_to: { mid: `m_first_${psid}`, is_self_reply: true } } }),
    ]);
    const reply = await eventually(async () => (await messagesOf(thread.id)).find((m) => m.text === 'Actually it was grey'));
    expect(reply.replyToText).toBe(`The van was white, ${psid}`);
  });

  it('stores a tapped button (postback) and a quick reply with their payloads', async () => {
    const psid = newPsid();
    const { thread } = await openConversation(psid);
    await desk.facebook.deliverEvents([
      fromPerson(psid, Date.now() + 1, { postback: { mid: `m_pb_${psid}`, title: 'Report a crime', payload: 'REPORT_CRIME' } }),
      fromPerson(psid, Date.now() + 2, { message: { mid: `m_qr_${psid}`, text: 'Parking', quick_reply: { payload: 'REPORT_PARKING' } } }),
    ]);
    const stored = await eventually(async () => {
      const all = await messagesOf(thread.id);
      return all.length === 3 ? all : undefined;
    });
    expect(stored.slice(1).map((m) => [m.text, m.interactionPayload])).toEqual([
      ['Report a crime', 'REPORT_CRIME'],
      ['Parking', 'REPORT_PARKING'],
    ]);
  });

  it('stores messages that arrive in standby (another app owns the thread)', async () => {
    const psid = newPsid();
    const { thread } = await openConversation(psid);
    const body = {
      object: 'page',
      entry: [{ id: TEST_PAGE_ID, time: Date.now(), standby: [fromPerson(psid, Date.now(), { message: { mid: `m_sb_${psid}`, text: 'Are you there?' } })] }],
    };
    expect((await desk.facebook.deliverRaw(JSON.stringify(body))).status).toBe(200);
    await eventually(async () => (await messagesOf(thread.id)).some((m) => m.text === 'Are you there?'));
  });

  it('shows a batch delivered out of order in the order it was sent', async () => {
    const psid = newPsid();
    const { thread } = await openConversation(psid);
    const t = Date.now();
    await desk.facebook.deliverEvents([
      fromPerson(psid, t + 3000, { message: { mid: `m_3_${psid}`, text: 'third' } }),
      fromPerson(psid, t + 1000, { message: { mid: `m_1_${psid}`, text: 'first' } }),
      fromPerson(psid, t + 2000, { message: { mid: `m_2_${psid}`, text: 'second' } }),
    ]);
    const texts = await eventually(async () => {
      const all = (await messagesOf(thread.id)).map((m) => m.text);
      return all.length === 4 ? all : undefined;
    });
    expect(texts.slice(1)).toEqual(['first', 'second', 'third']);
  });

  it('logs and skips an event kind it does not know, answering 200', async () => {
    const psid = newPsid();
    const status = await desk.facebook.deliverEvents([fromPerson(psid, Date.now(), { game_play: { game_id: '1' } })]);
    expect(status).toBe(200);
    await desk.inboundSettled();
    const known = await desk.desk.database.db.select().from(contacts).where(eq(contacts.platformUserId, psid));
    expect(known).toEqual([]);
  });
});

describe('the Page’s own messages (echoes)', () => {
  it('does not create a second outbound message for the echo of our own send', async () => {
    const psid = newPsid();
    const { thread } = await openConversation(psid);
    const sent = await replyAndWaitUntilSent(thread.id, 'Officers are on the way.');
    await desk.inboundSettled();
    const outbound = (await messagesOf(thread.id)).filter((m) => m.direction === 'out');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]!.id).toBe(sent.id);
    expect(desk.facebook.sentMessages.filter((m) => m.text === 'Officers are on the way.')).toHaveLength(1);
  });

  it('shows a reply typed in Meta’s Page inbox as an outbound message by "Page inbox"', async () => {
    const psid = newPsid();
    const { thread } = await openConversation(psid);
    await desk.facebook.replyFromPageInbox(psid, 'Replied from the Page inbox');
    const shown = await eventually(async () => (await messagesOf(thread.id)).find((m) => m.text === 'Replied from the Page inbox'));
    expect(shown).toMatchObject({ direction: 'out', authorName: 'Page inbox', deliveryStatus: 'sent' });
  });
});

describe('receipts, reactions and edits', () => {
  it('moves our reply to delivered, then read, by the watermarks', async () => {
    const psid = newPsid();
    const { thread } = await openConversation(psid);
    const sent = await replyAndWaitUntilSent(thread.id, 'We have logged your report.');
    const platformId = desk.facebook.sentMessages.find((m) => m.text === 'We have logged your report.')!.messageId;

    await desk.facebook.deliverEvents([{ sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, delivery: { mids: [platformId], watermark: Date.now() } }]);
    await eventually(async () => (await messagesOf(thread.id)).find((m) => m.id === sent.id && m.deliveryStatus === 'delivered'));

    await desk.facebook.deliverEvents([fromPerson(psid, Date.now(), { read: { watermark: String(Date.now()) } })]);
    await eventually(async () => (await messagesOf(thread.id)).find((m) => m.id === sent.id && m.deliveryStatus === 'read'));
  });

  it('shows a reaction on the message, and removes it when unreacted', async () => {
    const psid = newPsid();
    await desk.facebook.sendUserMessage({ psid, text: `Thanks for the help ${psid}`, mid: `m_react_${psid}` });
    const { thread } = await conversationOf(psid);
    const reaction = { mid: `m_react_${psid}`, action: 'react', reaction: 'love', emoji: '\u2764\uFE0F' };
    await desk.facebook.deliverEvents([fromPerson(psid, Date.now(), { reaction })]);
    await eventually(async () => (await messagesOf(thread.id)).find((m) => m.reactions?.[0]?.emoji === '❤️'));

    await desk.facebook.deliverEvents([fromPerson(psid, Date.now() + 1, { reaction: { ...reaction, action: 'unreact' } })]);
    await eventually(async () => (await messagesOf(thread.id)).find((m) => m.text.startsWith('Thanks for the help') && m.reactions?.length === 0));
  });

  it('shows the edited text, marked as edited', async () => {
    const psid = newPsid();
    await desk.facebook.sendUserMessage({ psid, text: `My reg is AB12 CDF ${psid}`, mid: `m_edit_${psid}` });
    const { thread } = await conversationOf(psid);
    await desk.facebook.deliverEvents([fromPerson(psid, Date.now(), { message_edit: { mid: `m_edit_${psid}`, text: `My reg is AB12 CDE ${psid}`, num_edit: 1 } })]);
    const edited = await eventually(async () => (await messagesOf(thread.id)).find((m) => m.isEdited));
    expect(edited.text).toBe(`My reg is AB12 CDE ${psid}`);
  });
});
