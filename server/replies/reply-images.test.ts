import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView, ThreadDetailResponse, ThreadSummary } from '../../shared/api';
import { TINY_JPEG, TINY_PNG } from '../../scripts/testing/images';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

// An agent attaches an image to a reply: uploaded to the desk, stored with the message, sent
// with the Send API's `filedata` upload on Facebook and as an uploaded DM media id on X.

let desk: TestDesk;
let cookie: string;
let psidCounter = 7_600_000_000_000_000;

beforeAll(async () => {
  // Echoes on: the echo of a reply's text must not stop its image from being sent.
  desk = await startTestDesk({ x: { hasAccountActivity: false }, facebook: { deliverEchoes: true } });
  ({ cookie } = await desk.signIn());
}, 90_000);
afterAll(async () => {
  await desk?.close();
});

async function uploadImage(bytes: Buffer): Promise<string> {
  const response = await fetch(`${desk.url}/api/uploads`, { method: 'POST', headers: { 'content-type': 'image/png', cookie }, body: new Uint8Array(bytes) });
  expect(response.status).toBe(201);
  return (await response.json()).upload.id;
}

async function threadWith(text: string): Promise<ThreadSummary> {
  return eventually(async () => {
    const threads = (await desk.api('/api/threads', { cookie })).body.threads as ThreadSummary[];
    return threads.find((thread) => thread.lastMessagePreview.includes(text));
  }, 15_000);
}

async function settled(threadId: string, messageId: string): Promise<MessageView> {
  return eventually(async () => {
    const detail = (await desk.api(`/api/threads/${threadId}`, { cookie })).body as ThreadDetailResponse;
    const message = detail.messages.find((candidate) => candidate.id === messageId);
    return message && message.deliveryStatus !== 'queued' ? message : undefined;
  }, 15_000);
}

describe('a reply with an image on Facebook', () => {
  it('sends the text, then the image as an upload, and shows the image in the thread', async () => {
    const psid = String((psidCounter += 1));
    await desk.facebook.sendUserMessage({ psid, text: `Where is the station ${psid}?` });
    const thread = await threadWith(psid);
    const uploadId = await uploadImage(TINY_PNG);

    const response = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Here is a map', uploadIds: [uploadId] } });
    expect(response.status).toBe(201);
    expect(response.body.message.attachments).toEqual([{ type: 'image', url: `/api/uploads/${uploadId}`, uploadId }]);

    const sent = await settled(thread.id, response.body.message.id);
    expect(sent.deliveryStatus).toBe('sent');
    const toPerson = desk.facebook.sentMessages.filter((message) => message.recipientId === psid);
    expect(toPerson.map((message) => message.text ?? message.attachment?.type)).toEqual(['Here is a map', 'image']);
    expect(toPerson[1]!.attachment!.upload!.data.equals(TINY_PNG)).toBe(true);
    expect(toPerson[1]!.attachment!.upload!.contentType).toBe('image/png');
  });

  it('retries an image that failed to send without sending the text a second time', async () => {
    const psid = String((psidCounter += 1));
    await desk.facebook.sendUserMessage({ psid, text: `Lost property ${psid}` });
    const thread = await threadWith(psid);
    const uploadId = await uploadImage(TINY_JPEG);
    desk.facebook.failNextAttachmentSends(1, { httpStatus: 500, code: 2, message: 'An unexpected error has occurred. Please retry your request later.' });

    const response = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Is this your bag?', uploadIds: [uploadId] } });
    const toPerson = () => desk.facebook.sentMessages.filter((message) => message.recipientId === psid);
    await eventually(async () => toPerson().some((message) => message.attachment), 15_000);
    const sent = await settled(thread.id, response.body.message.id);

    expect(sent.deliveryStatus).toBe('sent');
    expect(toPerson().map((message) => message.text ?? message.attachment?.type)).toEqual(['Is this your bag?', 'image']);
  });

  it('refuses an upload id the desk does not have, before anything is stored or sent', async () => {
    const psid = String((psidCounter += 1));
    await desk.facebook.sendUserMessage({ psid, text: `Hello ${psid}` });
    const thread = await threadWith(psid);
    const response = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'See attached', uploadIds: [randomUUID()] } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('upload_not_found');
  });

  it('refuses more than one image on a reply', async () => {
    const psid = String((psidCounter += 1));
    await desk.facebook.sendUserMessage({ psid, text: `Two ${psid}` });
    const thread = await threadWith(psid);
    const ids = [await uploadImage(TINY_PNG), await uploadImage(TINY_PNG)];
    const response = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Two maps', uploadIds: ids } });
    expect(response.status).toBe(400);
  });
});

describe('a reply with an image on X', () => {
  it('uploads the image with the chunked media upload and sends it as the DM’s one media attachment, once', async () => {
    await desk.x!.sendUserDm({ userId: '944480777', text: 'What does the suspect look like?' });
    const thread = await threadWith('What does the suspect look like?');
    const uploadId = await uploadImage(TINY_PNG);
    const clientId = randomUUID();

    const response = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId, text: 'This is the person we want to find', uploadIds: [uploadId] } });
    const sent = await settled(thread.id, response.body.message.id);
    // The same reply sent again (a retried request) is the same message: nothing new goes out.
    const again = await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId, text: 'This is the person we want to find', uploadIds: [uploadId] } });
    expect(again.status).toBe(200);

    expect(sent.deliveryStatus).toBe('sent');
    const dms = desk.x!.sentDms.filter((dm) => dm.participantId === '944480777');
    expect(dms).toHaveLength(1);
    const media = desk.x!.media.media.get(dms[0]!.mediaIds[0]!)!;
    expect(desk.x!.media.bytesOf(media).equals(TINY_PNG)).toBe(true);
    expect(media.mediaType).toBe('image/png');
  });
});
