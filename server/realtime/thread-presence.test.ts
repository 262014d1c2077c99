import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('collision warning', () => {
  it('tells an agent, live, that a colleague has the same thread open and is typing in it, and when they leave', async () => {
    const alex = await desk.signIn();
    const bea = await desk.signIn('supervisor');
    const thread = await messageArrives(desk, alex.cookie, { text: 'Two agents, one thread' });
    const alexSocket = await desk.connectAgent(alex.cookie);
    const beaSocket = await desk.connectAgent(bea.cookie);

    const alexSeesBoth = nextEvent(alexSocket, 'thread:presence', (presence) => presence.threadId === thread.id && presence.viewers.length === 2);
    alexSocket.emit('thread:viewing', thread.id);
    await nextEvent(alexSocket, 'thread:presence', (presence) => presence.viewers.length === 1);
    beaSocket.emit('thread:viewing', thread.id);
    expect((await alexSeesBoth).viewers.map((viewer) => viewer.name).sort()).toEqual(['Test agent', 'Test supervisor']);

    const typing = nextEvent(alexSocket, 'thread:typing', (event) => event.threadId === thread.id);
    beaSocket.emit('thread:typing', { threadId: thread.id, isTyping: true });
    expect((await typing).agent).toEqual({ id: bea.agentId, name: 'Test supervisor' });

    const alexAlone = nextEvent(alexSocket, 'thread:presence', (presence) => presence.threadId === thread.id && presence.viewers.length === 1);
    beaSocket.emit('thread:viewing', null);
    expect((await alexAlone).viewers).toEqual([{ id: alex.agentId, name: 'Test agent' }]);
  });

  it('does not tell others about typing in a thread the agent does not have open', async () => {
    const alex = await desk.signIn();
    const bea = await desk.signIn();
    const thread = await messageArrives(desk, alex.cookie, { text: 'Typing from afar' });
    const alexSocket = await desk.connectAgent(alex.cookie);
    const beaSocket = await desk.connectAgent(bea.cookie);
    alexSocket.emit('thread:viewing', thread.id);
    await nextEvent(alexSocket, 'thread:presence', (presence) => presence.threadId === thread.id);
    const typed = nextEvent(alexSocket, 'thread:typing', () => true, 500).then(() => 'told', () => 'not told');
    beaSocket.emit('thread:typing', { threadId: thread.id, isTyping: true });
    expect(await typed).toBe('not told');
  });
});
