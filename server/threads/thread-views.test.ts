import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listThreadIds, messageArrives, nameContact, setThreadColumns } from '../../scripts/testing/desk-threads';
import { nextThreadUpdate } from '../../scripts/testing/agent-pushes';
import { eventually, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('the views of the thread list', () => {
  it('puts new and overdue threads in "Needs attention", highest risk first, then whoever has waited longest', async () => {
    const { cookie } = await desk.signIn();
    const routineOld = await messageArrives(desk, cookie, { text: 'Bins not collected for weeks' });
    const emergency = await messageArrives(desk, cookie, { text: 'Someone is following me home' });
    const routineNew = await messageArrives(desk, cookie, { text: 'What time does the station open' });
    const overdueOpen = await messageArrives(desk, cookie, { text: 'Still no word on my stolen bike' });
    const answered = await messageArrives(desk, cookie, { text: 'Thanks, all sorted now' });
    await setThreadColumns(desk, routineOld.id, { createdAt: minutesAgo(90) });
    await setThreadColumns(desk, emergency.id, { risk: 'emergency', createdAt: minutesAgo(1) });
    await setThreadColumns(desk, overdueOpen.id, { status: 'open', createdAt: minutesAgo(60), slaDueAt: minutesAgo(5) });
    await setThreadColumns(desk, answered.id, { status: 'open', slaDueAt: minutesAgo(5), firstResponseAt: minutesAgo(10) });

    const ids = await listThreadIds(desk, cookie, 'view=attention');
    const ours = ids.filter((id) => [routineOld.id, emergency.id, routineNew.id, overdueOpen.id, answered.id].includes(id));
    expect(ours).toEqual([emergency.id, routineOld.id, overdueOpen.id, routineNew.id]);
  });

  it('shows an agent the open threads assigned to them under "Mine", and a team its queue', async () => {
    const { cookie, agentId } = await desk.signIn();
    const directory = await desk.api('/api/directory', { cookie });
    const safeguarding = directory.body.teams.find((team: { name: string }) => team.name === 'Safeguarding');
    const mine = await messageArrives(desk, cookie, { text: 'Worried about my neighbour’s children' });
    const closedMine = await messageArrives(desk, cookie, { text: 'Old matter, now closed' });
    await setThreadColumns(desk, mine.id, { assigneeId: agentId, teamId: safeguarding.id });
    await setThreadColumns(desk, closedMine.id, { assigneeId: agentId, teamId: safeguarding.id, status: 'closed' });

    expect(await listThreadIds(desk, cookie, 'view=mine')).toEqual([mine.id]);
    expect(await listThreadIds(desk, cookie, `view=team&teamId=${safeguarding.id}`)).toEqual([mine.id]);
    expect(await listThreadIds(desk, cookie, 'view=closed')).toContain(closedMine.id);
    expect(await listThreadIds(desk, cookie, 'view=closed')).not.toContain(mine.id);
  });

  it('narrows a view by channel, status, risk, category, language, tag and assignee', async () => {
    const { cookie, agentId } = await desk.signIn();
    const welshPriority = await messageArrives(desk, cookie, { text: 'Mae fy nghar wedi cael ei ddwyn' });
    const englishRoutine = await messageArrives(desk, cookie, { text: 'My car was towed I think' });
    await setThreadColumns(desk, welshPriority.id, { risk: 'priority', category: 'theft', language: 'cy', tags: ['vehicle'], assigneeId: agentId });
    await setThreadColumns(desk, englishRoutine.id, { category: 'roads', language: 'en', tags: ['vehicle', 'parking'] });

    const both = [welshPriority.id, englishRoutine.id];
    const filtered = async (query: string) => (await listThreadIds(desk, cookie, `view=all&${query}`)).filter((id) => both.includes(id));
    expect(await filtered('language=cy')).toEqual([welshPriority.id]);
    expect(await filtered('risk=priority')).toEqual([welshPriority.id]);
    expect(await filtered('category=roads')).toEqual([englishRoutine.id]);
    expect(await filtered('tag=parking')).toEqual([englishRoutine.id]);
    expect((await filtered('tag=vehicle')).sort()).toEqual([...both].sort());
    expect(await filtered(`assignee=${agentId}`)).toEqual([welshPriority.id]);
    expect(await filtered('assignee=none')).toEqual([englishRoutine.id]);
    expect((await filtered('channel=facebook&status=new')).sort()).toEqual([...both].sort());
    expect(await filtered('channel=twitter')).toEqual([]);
  });

  it('refuses a filter value the desk does not know, saying which', async () => {
    const { cookie } = await desk.signIn();
    const answer = await desk.api('/api/threads?risk=apocalyptic', { cookie });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^risk/);
  });
});

describe('searching the desk', () => {
  it('finds a thread by a word in any of its messages, in English or Welsh', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'A red van has been parked on the verge since Tuesday' });
    const welsh = await messageArrives(desk, cookie, { text: 'Diolch am eich help gyda’r beic' });
    expect(await listThreadIds(desk, cookie, 'q=verge')).toEqual([thread.id]);
    expect(await listThreadIds(desk, cookie, 'q=red%20van')).toEqual([thread.id]);
    expect(await listThreadIds(desk, cookie, 'q=beic')).toEqual([welsh.id]);
  });

  it('finds a thread by the contact’s name and by its reference number', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Hello, anyone there?' });
    await nameContact(desk, thread.contact.id, 'Bartholomew Quince');
    expect(await listThreadIds(desk, cookie, 'q=quince')).toEqual([thread.id]);
    expect(await listThreadIds(desk, cookie, `q=${thread.reference.toLowerCase()}`)).toEqual([thread.id]);
  });

  it('finds a thread by the words of a later message, a reply or a colleague’s note', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'First message of a long story', psid: '7900000000008888' });
    await desk.api(`/api/threads/${thread.id}/notes`, { cookie, body: { clientId: randomUUID(), text: 'Linked to operation kingfisher' } });
    await desk.facebook.sendUserMessage({ psid: '7900000000008888', text: 'Also my neighbour saw a blue motorbike' });
    await eventually(async () => (await listThreadIds(desk, cookie, 'q=motorbike')).includes(thread.id));
    expect(await listThreadIds(desk, cookie, 'q=kingfisher')).toEqual([thread.id]);
  });

  it('searches within a view', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Graffiti on the underpass wall' });
    expect(await listThreadIds(desk, cookie, 'view=attention&q=underpass')).toEqual([thread.id]);
    expect(await listThreadIds(desk, cookie, 'view=closed&q=underpass')).toEqual([]);
  });
});

describe('live updates of the list', () => {
  it('pushes the fields a view needs (assignee, team, SLA due time) to every agent', async () => {
    const { cookie } = await desk.signIn();
    const thread = await messageArrives(desk, cookie, { text: 'Pushed with everything a view needs' });
    expect(thread.slaDueAt).not.toBeNull();
    expect(Date.parse(thread.slaDueAt!) - Date.parse(thread.createdAt)).toBe(24 * 3600_000);
    const watcher = await desk.signIn();
    const socket = await desk.connectAgent(watcher.cookie);
    const pushed = nextThreadUpdate(socket, (update) => update.id === thread.id);
    await desk.api(`/api/threads/${thread.id}/take`, { cookie, method: 'POST' });
    const update = await pushed;
    expect(update.assignee?.name).toBe('Test agent');
    expect(update.status).toBe('open');
  });
});
