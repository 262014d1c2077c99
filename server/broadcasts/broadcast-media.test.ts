import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BroadcastDraft, BroadcastView } from '../../shared/broadcasts';
import { renderTemplate } from '../../shared/broadcasts';
import { splitIntoThread } from '../../shared/x-thread';
import { TINY_GIF, TINY_JPEG, TINY_PNG } from '../../scripts/testing/images';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { auditEvents, broadcastPosts } from '../db/schema';

// Broadcast images over real HTTP (fake Graph API and fake X API), and a Facebook post or an X
// thread part whose answer is lost after the platform took it: published once, never twice.

let desk: TestDesk;
let agent: { cookie: string; agentId: string };
let supervisor: { cookie: string; agentId: string };

beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: false }, environment: { BROADCAST_AREA_TAGS: 'Cardiff,Newport' } });
  agent = await desk.signIn('agent');
  supervisor = await desk.signIn('supervisor');
}, 90_000);
afterAll(async () => {
  await desk?.close();
});

let serial = 0;
function roadClosure(overrides: Partial<BroadcastDraft> = {}): BroadcastDraft {
  serial += 1;
  const fields = { road: `B4267 (${serial})`, junction: 'Leckwith Road', diversion: 'via Ferry Road' };
  return {
    template: 'road_closure',
    language: 'en',
    fields,
    text: renderTemplate('road_closure', 'en', fields),
    link: null,
    images: [],
    areaTags: ['Cardiff'],
    channels: ['facebook', 'twitter'],
    scheduledAt: null,
    ...overrides,
  };
}

async function upload(bytes: Buffer): Promise<string> {
  const response = await fetch(`${desk.url}/api/uploads`, { method: 'POST', headers: { 'content-type': 'image/jpeg', cookie: agent.cookie }, body: new Uint8Array(bytes) });
  return (await response.json()).upload.id;
}

async function publishNow(draft: BroadcastDraft): Promise<BroadcastView> {
  const created = await desk.api('/api/broadcasts', { cookie: agent.cookie, body: draft });
  expect(created.status).toBe(201);
  await desk.api(`/api/broadcasts/${created.body.broadcast.id}/submit`, { cookie: agent.cookie, body: {} });
  return created.body.broadcast;
}

function channelsAre(id: string, statuses: Record<string, string>) {
  return eventually(async () => {
    const view = (await desk.api(`/api/broadcasts/${id}`, { cookie: agent.cookie })).body.broadcast as BroadcastView;
    const actual = Object.fromEntries(view.channels.map((channel) => [channel.channel, channel.status]));
    return Object.entries(statuses).every(([channel, status]) => actual[channel] === status) ? view : undefined;
  }, 20_000);
}

describe('broadcast images', () => {
  it('publishes three photos with their alt text: one multi-photo Facebook post, and an X post carrying all three', async () => {
    const images = [
      { uploadId: await upload(TINY_JPEG), altText: 'Map of the closure between Leckwith Road and Ferry Road' },
      { uploadId: await upload(TINY_PNG), altText: 'Diversion signs on Ferry Road' },
      { uploadId: await upload(TINY_GIF), altText: 'Queue on the B4267 at 8am' },
    ];
    const closure = await publishNow(roadClosure({ images }));
    expect(closure.images.map((image) => image.altText)).toEqual(images.map((image) => image.altText));
    const published = await channelsAre(closure.id, { facebook: 'published', twitter: 'published' });

    const [facebookPost] = desk.facebook.posts.filter((post) => post.message === closure.text);
    expect(facebookPost!.photoIds).toHaveLength(3);
    const photos = facebookPost!.photoIds.map((id) => desk.facebook.photos.find((photo) => photo.id === id)!);
    expect(photos.map((photo) => photo.altText)).toEqual(images.map((image) => image.altText));
    expect(photos.map((photo) => photo.upload!.data)).toEqual([TINY_JPEG, TINY_PNG, TINY_GIF]);
    expect(published.channels[0]!.postIds).toEqual([facebookPost!.id]);

    const [tweet] = desk.x!.tweets.live().filter((candidate) => candidate.id === published.channels[1]!.postIds[0]);
    expect(tweet!.mediaIds).toHaveLength(3);
    const media = tweet!.mediaIds.map((id) => desk.x!.media.media.get(id)!);
    expect(media.map((item) => item.altText)).toEqual(images.map((image) => image.altText));
    expect(media.map((item) => desk.x!.media.bytesOf(item))).toEqual([TINY_JPEG, TINY_PNG, TINY_GIF]);
  });

  it('refuses an image without alt text, a fifth image, and an image the desk does not have, before saving', async () => {
    const id = await upload(TINY_PNG);
    const noAlt = await desk.api('/api/broadcasts', { cookie: agent.cookie, body: roadClosure({ images: [{ uploadId: id, altText: '  ' }] }) });
    expect(noAlt.status).toBe(400);
    expect(noAlt.body.error.message).toMatch(/alt text/);

    const five = Array.from({ length: 5 }, () => ({ uploadId: id, altText: 'Map' }));
    const tooMany = await desk.api('/api/broadcasts', { cookie: agent.cookie, body: roadClosure({ images: five }) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 4 images/);

    const missing = await desk.api('/api/broadcasts', { cookie: agent.cookie, body: roadClosure({ images: [{ uploadId: '00000000-0000-4000-8000-000000000000', altText: 'Map' }] }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('upload_not_found');
  });
});

describe('a Facebook post whose answer was lost', () => {
  it('is published once: the retry finds the post Facebook already made and adopts it', async () => {
    // Facebook takes the post, then the connection drops before its answer reaches the worker:
    // the database never hears of the post, exactly as after a crash between the two.
    desk.facebook.loseNextPostAnswers(1);
    const closure = await publishNow(roadClosure({ channels: ['facebook'] }));
    const published = await channelsAre(closure.id, { facebook: 'published' });

    const posts = desk.facebook.posts.filter((post) => post.message === closure.text);
    expect(posts).toHaveLength(1);
    expect(published.channels[0]!.postIds).toEqual([posts[0]!.id]);
    const audit = await desk.desk.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(sql`${auditEvents.details}->>'broadcastId' = ${closure.id}`);
    expect(audit.map((row) => row.action)).toContain('broadcast.channel_reconciled');
  });

  it('a multi-photo post whose answer was lost is not posted again either, when the channel is retried by hand', async () => {
    desk.facebook.loseNextPostAnswers(1);
    const images = [{ uploadId: await upload(TINY_PNG), altText: 'Closure map' }];
    const closure = await publishNow(roadClosure({ channels: ['facebook'], images }));
    const published = await channelsAre(closure.id, { facebook: 'published' });
    expect(desk.facebook.posts.filter((post) => post.message === closure.text)).toHaveLength(1);

    // A channel that ended "failed" after such an attempt is reconciled on a manual retry too.
    await desk.desk.database.db.update(broadcastPosts).set({ status: 'failed', postIds: [], permalink: null }).where(eq(broadcastPosts.broadcastId, closure.id));
    const retried = await desk.api(`/api/broadcasts/${closure.id}/channels/facebook/retry`, { cookie: supervisor.cookie, body: {} });
    expect(retried.status).toBe(200);
    const again = await channelsAre(closure.id, { facebook: 'published' });
    expect(again.channels[0]!.postIds).toEqual(published.channels[0]!.postIds);
    expect(desk.facebook.posts.filter((post) => post.message === closure.text)).toHaveLength(1);
  });
});

describe('an X thread part whose answer was lost', () => {
  it('is posted once: the retry finds the part on the account’s timeline, adopts it and posts only the rest', async () => {
    const text = `${renderTemplate('road_closure', 'en', { road: 'A4232 (lost part)', junction: 'Culverhouse Cross', diversion: 'via the A48' })} ${'Expect queues on every approach road into the city centre until late this evening. '.repeat(5)}`.trim();
    const parts = splitIntoThread(text);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    // X takes part 2, then the connection drops before its answer reaches the worker.
    desk.x!.loseNextPostAnswers(1, 1);
    const closure = await publishNow(roadClosure({ channels: ['twitter'], text }));
    const published = await channelsAre(closure.id, { twitter: 'published' });

    const live = desk.x!.tweets.live();
    for (const part of parts) expect(live.filter((tweet) => tweet.text === part)).toHaveLength(1);
    const postIds = published.channels[0]!.postIds;
    expect(postIds).toEqual(parts.map((part) => live.find((tweet) => tweet.text === part)!.id));
    expect(live.find((tweet) => tweet.id === postIds[2])!.inReplyToId).toBe(postIds[1]);
    const audit = await desk.desk.database.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(sql`${auditEvents.details}->>'broadcastId' = ${closure.id}`);
    expect(audit.filter((row) => row.action === 'broadcast.channel_reconciled').map((row) => row.details)).toEqual([
      { broadcastId: closure.id, channel: 'twitter', postId: postIds[1] },
    ]);
  });
});
