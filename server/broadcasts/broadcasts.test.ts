import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BroadcastDraft, BroadcastView } from '../../shared/broadcasts';
import { renderTemplate } from '../../shared/broadcasts';
import { splitIntoThread } from '../../shared/x-thread';
import { X_ENDPOINTS } from '../../scripts/fake-x/server';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { auditEvents, broadcastPosts, broadcasts } from '../db/schema';

// Broadcasts over real HTTP: the desk's API and worker, the fake Graph API and the fake X API.

let desk: TestDesk;
let agent: { cookie: string; agentId: string };
let supervisor: { cookie: string; agentId: string };

beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: false }, environment: { BROADCAST_AREA_TAGS: 'Cardiff,Newport,Swansea' } });
  agent = await desk.signIn('agent');
  supervisor = await desk.signIn('supervisor');
}, 90_000);
afterAll(async () => {
  await desk?.close();
});

let serial = 0;
function missingPerson(overrides: Partial<BroadcastDraft> = {}): BroadcastDraft {
  serial += 1;
  const fields = { name: `Sam Jones ${serial}`, age: '14', description: 'Slim, short dark hair, blue school coat', lastSeen: 'Queen Street, Cardiff, at 4pm', reference: `CD-${1000 + serial}` };
  return {
    template: 'missing_person',
    language: 'en',
    fields,
    text: renderTemplate('missing_person', 'en', fields),
    link: null,
    images: [],
    areaTags: ['Cardiff'],
    channels: ['facebook', 'twitter'],
    scheduledAt: null,
    ...overrides,
  };
}

function roadClosure(overrides: Partial<BroadcastDraft> = {}): BroadcastDraft {
  serial += 1;
  const fields = { road: `A48 (${serial})`, junction: 'Culverhouse Cross', diversion: 'via the A4232' };
  return { ...missingPerson(), template: 'road_closure', fields, text: renderTemplate('road_closure', 'en', fields), areaTags: ['Newport'], ...overrides };
}

async function draft(body: BroadcastDraft, who = agent): Promise<BroadcastView> {
  const response = await desk.api('/api/broadcasts', { cookie: who.cookie, body });
  expect(response.status).toBe(201);
  return response.body.broadcast;
}

async function act(id: string, action: string, who = agent, body: unknown = {}) {
  return desk.api(`/api/broadcasts/${id}/${action}`, { cookie: who.cookie, body });
}

async function broadcast(id: string): Promise<BroadcastView> {
  return (await desk.api(`/api/broadcasts/${id}`, { cookie: agent.cookie })).body.broadcast;
}

function channelsAre(id: string, statuses: Record<string, string>) {
  return eventually(async () => {
    const view = await broadcast(id);
    const actual = Object.fromEntries(view.channels.map((channel) => [channel.channel, channel.status]));
    return Object.entries(statuses).every(([channel, status]) => actual[channel] === status) ? view : undefined;
  }, 15_000);
}

const facebookPostsWith = (text: string) => desk.facebook.posts.filter((post) => post.message === text);
const xPostsWith = (text: string) => desk.x!.tweets.tweets.filter((tweet) => tweet.text.startsWith(text.slice(0, 40)));

/** No job running or waiting, and none due in the next minute (Facebook's own schedules are later). */
async function queueSettled() {
  await eventually(async () => {
    const queue = desk.desk.broadcastQueue;
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    const dueSoon = (await queue.getDelayed()).filter((job) => job.timestamp + (job.opts.delay ?? 0) < Date.now() + 60_000);
    return Object.values(counts).every((count) => count === 0) && dueSoon.length === 0;
  }, 15_000);
}

describe('approval', () => {
  it('holds a missing-person appeal for a supervisor: an agent cannot approve it, and nothing is posted until one does', async () => {
    const appeal = await draft(missingPerson());
    const submitted = await act(appeal.id, 'submit');
    expect(submitted.body.broadcast.status).toBe('awaiting_approval');
    expect(submitted.body.broadcast.channels.map((channel: { status: string }) => channel.status)).toEqual(['awaiting_approval', 'awaiting_approval']);

    const byAgent = await act(appeal.id, 'approve');
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe('not_permitted'); // the authorization layer (server/auth/route-policy.ts), before the command's own check
    await queueSettled();
    expect(facebookPostsWith(appeal.text)).toEqual([]);
    expect(xPostsWith(appeal.text)).toEqual([]);

    const approved = await act(appeal.id, 'approve', supervisor);
    expect(approved.status).toBe(200);
    const published = await channelsAre(appeal.id, { facebook: 'published', twitter: 'published' });
    expect(published.approvedBy?.id).toBe(supervisor.agentId);
    expect(published.channels.every((channel) => channel.permalink)).toBe(true);
    expect(facebookPostsWith(appeal.text)).toHaveLength(1);
  });

  it('refuses a supervisor approving their own appeal, with a clear 403, and lets another supervisor approve it', async () => {
    const author = await desk.signIn('supervisor');
    const appeal = await draft(missingPerson(), author);
    await act(appeal.id, 'submit', author);

    const own = await act(appeal.id, 'approve', author);
    expect(own.status).toBe(403);
    expect(own.body.error).toEqual({ code: 'own_broadcast', message: 'You drafted this broadcast: another supervisor must approve it.' });
    expect((await broadcast(appeal.id)).status).toBe('awaiting_approval');

    const other = await act(appeal.id, 'approve', supervisor);
    expect(other.status).toBe(200);
    expect(other.body.broadcast.approvedBy.id).toBe(supervisor.agentId);
    await channelsAre(appeal.id, { facebook: 'published', twitter: 'published' });
  });

  it('lets a supervisor return an appeal with a comment, which the agent edits and submits again', async () => {
    const appeal = await draft(missingPerson());
    await act(appeal.id, 'submit');
    const returned = await act(appeal.id, 'return', supervisor, { comment: 'Add what she was wearing' });
    expect(returned.body.broadcast).toMatchObject({ status: 'returned', returnComment: 'Add what she was wearing' });
    const edited = await desk.api(`/api/broadcasts/${appeal.id}`, { method: 'PUT', cookie: agent.cookie, body: missingPerson({ text: `${appeal.text} Wearing a blue coat.` }) });
    expect(edited.status).toBe(200);
    expect((await act(appeal.id, 'submit')).body.broadcast.status).toBe('awaiting_approval');
  });

  it('publishes a road closure straight away, as its template needs no approval, and records who did what', async () => {
    const closure = await draft(roadClosure());
    await act(closure.id, 'submit');
    await channelsAre(closure.id, { facebook: 'published', twitter: 'published' });

    const actions = await eventually(async () => {
      const rows = await desk.desk.database.db
        .select({ action: auditEvents.action, actor: auditEvents.actorAgentId })
        .from(auditEvents)
        .where(sql`${auditEvents.details}->>'broadcastId' = ${closure.id}`);
      return rows.length >= 4 ? rows : undefined;
    });
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'broadcast.drafted', actor: agent.agentId },
        { action: 'broadcast.approved', actor: agent.agentId },
        expect.objectContaining({ action: 'broadcast.channel_published' }),
      ]),
    );
  });

  it('refuses an area tag the force has not configured', async () => {
    const response = await desk.api('/api/broadcasts', { cookie: agent.cookie, body: roadClosure({ areaTags: ['Atlantis'] }) });
    expect(response.status).toBe(400);
  });

  it('lists what the desk told an area', async () => {
    const swansea = await draft(roadClosure({ areaTags: ['Swansea'] }));
    const listed = await desk.api('/api/broadcasts?area=Swansea', { cookie: agent.cookie });
    expect(listed.body.broadcasts.map((item: BroadcastView) => item.id)).toEqual([swansea.id]);
  });
});

describe('scheduling', () => {
  it('publishes a scheduled post once, at its time', async () => {
    const scheduledAt = new Date(Date.now() + 2_000);
    const closure = await draft(roadClosure({ scheduledAt: scheduledAt.toISOString() }));
    await act(closure.id, 'submit');
    expect((await broadcast(closure.id)).channels.map((channel) => channel.status)).toEqual(['scheduled', 'scheduled']);

    const published = await channelsAre(closure.id, { facebook: 'published', twitter: 'published' });
    await queueSettled();

    for (const channel of published.channels) expect(new Date(channel.publishedAt!).getTime()).toBeGreaterThanOrEqual(scheduledAt.getTime());
    expect(facebookPostsWith(closure.text)).toHaveLength(1);
    expect(xPostsWith(closure.text)).toHaveLength(1);
    expect((await act(closure.id, 'submit')).status).toBe(409);
  });

  it('hands a post an hour ahead to Facebook’s own schedule', async () => {
    const scheduledAt = new Date(Date.now() + 3600_000);
    const closure = await draft(roadClosure({ scheduledAt: scheduledAt.toISOString() }));
    await act(closure.id, 'submit');
    await eventually(async () => facebookPostsWith(closure.text)[0]);
    const [post] = facebookPostsWith(closure.text);
    expect(post).toMatchObject({ published: false, scheduledFor: Math.floor(scheduledAt.getTime() / 1000) * 1000 });
    const view = await broadcast(closure.id);
    expect(view.channels.map((channel) => channel.status)).toEqual(['scheduled', 'scheduled']);
    expect(xPostsWith(closure.text)).toEqual([]);
  });
});

describe('failures and retries', () => {
  it('publishes on Facebook while X fails, then retries X alone', async () => {
    desk.x!.failNext(X_ENDPOINTS.postTweet, 1, { status: 403, body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' } });
    const closure = await draft(roadClosure());
    await act(closure.id, 'submit');
    const failed = await channelsAre(closure.id, { facebook: 'published', twitter: 'failed' });
    expect(failed.channels[1]!.failureReason).toMatch(/X refused/);

    const retried = await act(closure.id, 'channels/twitter/retry');
    expect(retried.status).toBe(200);
    await channelsAre(closure.id, { facebook: 'published', twitter: 'published' });
    await queueSettled();
    expect(facebookPostsWith(closure.text)).toHaveLength(1);
    expect(xPostsWith(closure.text)).toHaveLength(1);
    expect((await act(closure.id, 'channels/facebook/retry')).status).toBe(409);
  });

  it('waits out X’s rate limit and then publishes, without giving up', async () => {
    desk.x!.exhaustRateLimit(X_ENDPOINTS.postTweet, 2_000);
    const closure = await draft(roadClosure({ channels: ['twitter'] }));
    await act(closure.id, 'submit');
    const waiting = await eventually(async () => {
      const view = await broadcast(closure.id);
      return view.channels[0]!.failureReason ? view : undefined;
    });
    expect(waiting.channels[0]!.status).toBe('publishing');
    expect(waiting.channels[0]!.failureReason).toMatch(/limiting/);
    await channelsAre(closure.id, { twitter: 'published' });
    expect(xPostsWith(closure.text)).toHaveLength(1);
  });

  it('resumes an X thread that failed at part 2 at part 2', async () => {
    const longText = `${renderTemplate('missing_person', 'bilingual', missingPerson().fields)} Please share this appeal widely across Cardiff and the Vale.`;
    const parts = splitIntoThread(longText);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    // X refuses part 2 as a duplicate of a post already on the account.
    const blocker = desk.x!.tweets.add({ id: '1', text: parts[1]!, inReplyToId: undefined, at: Date.now() });
    const appeal = await draft(missingPerson({ text: longText, channels: ['twitter'] }));
    await act(appeal.id, 'submit');
    await act(appeal.id, 'approve', supervisor);
    const failed = await channelsAre(appeal.id, { twitter: 'failed' });
    expect(failed.channels[0]!.postIds).toHaveLength(1);
    expect(failed.channels[0]!.failureReason).toMatch(/duplicate/);

    desk.x!.tweets.remove(blocker.id);
    await act(appeal.id, 'channels/twitter/retry');
    const published = await channelsAre(appeal.id, { twitter: 'published' });

    const thread = desk.x!.tweets.live().filter((tweet) => parts.includes(tweet.text));
    expect(thread.map((tweet) => tweet.text)).toEqual(parts);
    expect(thread[1]!.inReplyToId).toBe(thread[0]!.id);
    expect(published.channels[0]!.postIds).toEqual(thread.map((tweet) => tweet.id));
  });
});

describe('update and withdraw', () => {
  it('posts the update and deletes the original appeal on both channels in one action', async () => {
    const appeal = await draft(missingPerson());
    await act(appeal.id, 'submit');
    await act(appeal.id, 'approve', supervisor);
    const published = await channelsAre(appeal.id, { facebook: 'published', twitter: 'published' });

    const updateText = `${appeal.fields.name} has been found safe. Thank you for sharing.`;
    const withdrawn = await act(appeal.id, 'withdraw', agent, { updateText });
    expect(withdrawn.body.broadcast.status).toBe('withdrawn');
    await channelsAre(appeal.id, { facebook: 'withdrawn', twitter: 'withdrawn' });

    const [facebookId] = published.channels[0]!.postIds;
    expect(desk.facebook.posts.find((post) => post.id === facebookId)?.deleted).toBe(true);
    expect(desk.x!.tweets.live().some((tweet) => published.channels[1]!.postIds.includes(tweet.id))).toBe(false);
    await eventually(async () => facebookPostsWith(updateText).length === 1 && xPostsWith(updateText).length === 1);
    const rows = await desk.desk.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'broadcast.withdrawn'), eq(auditEvents.actorAgentId, agent.agentId)));
    expect(rows.some((row) => row.details.broadcastId === appeal.id)).toBe(true);
  });

  it('edits the original Facebook post to the update’s words when asked, and deletes it on X', async () => {
    const closure = await draft(roadClosure());
    await act(closure.id, 'submit');
    const published = await channelsAre(closure.id, { facebook: 'published', twitter: 'published' });
    const updateText = `UPDATE: ${closure.fields.road} has reopened.`;

    await act(closure.id, 'withdraw', agent, { updateText, originalPosts: 'edit' });
    await channelsAre(closure.id, { facebook: 'withdrawn', twitter: 'withdrawn' });

    const original = desk.facebook.posts.find((post) => post.id === published.channels[0]!.postIds[0]);
    expect(original).toMatchObject({ deleted: false, message: updateText });
    expect(desk.x!.tweets.live().some((tweet) => tweet.id === published.channels[1]!.postIds[0])).toBe(false);
  });

  it('withdrawing a broadcast before its time means it is never posted', async () => {
    // Far enough ahead that submitting and withdrawing finish first on a busy machine (1.5 s did not).
    const closure = await draft(roadClosure({ scheduledAt: new Date(Date.now() + 6_000).toISOString() }));
    await act(closure.id, 'submit');
    await act(closure.id, 'withdraw', agent, {});
    await queueSettled(); // waits for the delayed publish jobs to run
    expect((await broadcast(closure.id)).channels.map((channel) => channel.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(facebookPostsWith(closure.text)).toEqual([]);
    expect(xPostsWith(closure.text)).toEqual([]);
  });
});

describe('reminders', () => {
  it('flags an appeal that has been up longer than the configured time, and not a road closure', async () => {
    const appeal = await draft(missingPerson());
    await act(appeal.id, 'submit');
    await act(appeal.id, 'approve', supervisor);
    const closure = await draft(roadClosure());
    await act(closure.id, 'submit');
    await channelsAre(appeal.id, { facebook: 'published', twitter: 'published' });
    await channelsAre(closure.id, { facebook: 'published', twitter: 'published' });
    expect((await broadcast(appeal.id)).isStale).toBe(false);

    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600_000);
    for (const id of [appeal.id, closure.id]) {
      await desk.desk.database.db.update(broadcastPosts).set({ publishedAt: fourDaysAgo }).where(eq(broadcastPosts.broadcastId, id));
    }

    expect((await broadcast(appeal.id)).isStale).toBe(true);
    expect((await broadcast(closure.id)).isStale).toBe(false);
    await act(appeal.id, 'withdraw', agent, {});
    expect((await broadcast(appeal.id)).isStale).toBe(false);
    const [row] = await desk.desk.database.db.select({ status: broadcasts.status }).from(broadcasts).where(eq(broadcasts.id, appeal.id));
    expect(row!.status).toBe('withdrawn');
  });
});
