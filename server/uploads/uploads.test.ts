import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngOfSize, TINY_GIF, TINY_JPEG, TINY_PNG } from '../../scripts/testing/images';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
const people: Record<string, { cookie: string }> = {};

beforeAll(async () => {
  desk = await startTestDesk({ environment: { UPLOAD_MAX_BYTES: '20000' } });
  for (const role of ['agent', 'supervisor', 'admin'] as const) people[role] = await desk.signIn(role);
}, 90_000);
afterAll(async () => {
  await desk?.close();
});

function upload(bytes: Buffer, contentType: string, cookie?: string) {
  return fetch(`${desk.url}/api/uploads`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) },
    body: new Uint8Array(bytes),
  });
}

describe('attaching an image', () => {
  it.each(['agent', 'supervisor', 'admin'])('lets a signed-in %s upload an image and read it back as it was', async (role) => {
    const response = await upload(TINY_PNG, 'image/png', people[role]!.cookie);
    expect(response.status).toBe(201);
    const { upload: stored } = await response.json();
    expect(stored).toMatchObject({ contentType: 'image/png', byteSize: TINY_PNG.length });

    const read = await fetch(`${desk.url}${stored.url}`, { headers: { cookie: people.agent!.cookie } });
    expect(read.headers.get('content-type')).toBe('image/png');
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await read.arrayBuffer()).equals(TINY_PNG)).toBe(true);
  });

  it('decides the type from the bytes, not from what the browser claims', async () => {
    const response = await upload(TINY_JPEG, 'image/png', people.agent!.cookie);
    expect((await response.json()).upload.contentType).toBe('image/jpeg');
    const gif = await upload(TINY_GIF, 'application/octet-stream', people.agent!.cookie);
    expect((await gif.json()).upload.contentType).toBe('image/gif');
  });

  it('refuses a file that is not an image even when it is named and typed as one, with a clear 415', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const response = await upload(html, 'image/png', people.agent!.cookie);
    expect(response.status).toBe(415);
    const body = await response.json();
    expect(body.error.code).toBe('unsupported_media_type');
    expect(body.error.message).toMatch(/Only images can be attached: JPEG, PNG, GIF, WEBP/);
  });

  it('refuses an image over the configured size with a 413 that says the limit', async () => {
    const response = await upload(pngOfSize(20_001), 'image/png', people.agent!.cookie);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: 'upload_too_large' });
    expect((await upload(pngOfSize(20_000), 'image/png', people.agent!.cookie)).status).toBe(201);
  });

  it('refuses an empty file', async () => {
    expect((await upload(Buffer.alloc(0), 'image/png', people.agent!.cookie)).status).toBe(400);
  });

  it('lets no one who is not signed in upload or read images', async () => {
    const stored = await (await upload(TINY_PNG, 'image/png', people.agent!.cookie)).json();
    expect((await upload(TINY_PNG, 'image/png')).status).toBe(401);
    expect((await fetch(`${desk.url}${stored.upload.url}`)).status).toBe(401);
  });
});
