import { randomUUID } from 'node:crypto';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHistory, ReportRequest, ServerToVisitorEvents, VisitorAck, VisitorToServerEvents } from '../../shared/public-contact';
import { eq } from 'drizzle-orm';
import { teams, threads } from '../db/schema';
import { nextThreadUpdate } from '../../scripts/testing/agent-pushes';
import { nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

type VisitorSocket = Socket<ServerToVisitorEvents, VisitorToServerEvents>;

let desk: TestDesk;
const sockets: VisitorSocket[] = [];

beforeAll(async () => {
  desk = await startTestDesk({ environment: { PUBLIC_REPORT_TEAMS: 'road_traffic=Roads Policing' } });
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await desk?.close();
});

async function newChatToken(): Promise<string> {
  const response = await desk.api('/api/public/chat/session', { method: 'POST', body: {} });
  expect(response.status).toBe(201);
  return response.body.token as string;
}

function connectVisitor(token: string): Promise<VisitorSocket> {
  const socket: VisitorSocket = connectSocket(`${desk.url}/visitor`, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function say(socket: VisitorSocket, text: string, clientId: string = randomUUID()): Promise<VisitorAck> {
  return socket.timeout(10_000).emitWithAck('visitor:message', { clientId, text });
}

function history(socket: VisitorSocket): Promise<ChatHistory> {
  return socket.timeout(10_000).emitWithAck('visitor:history');
}

const aReport: ReportRequest = {
  type: 'criminal_damage',
  whatHappened: 'Someone kicked in the bus shelter glass',
  when: 'Last night, about 11pm',
  where: 'High Street bus stop, Anytown',
  suspectOrVehicle: 'Two teenagers on bikes',
  name: 'Sam Reporter',
  contactPreference: 'email',
  contactDetail: 'sam@example.org',
};

describe('web chat', () => {
  it('puts a visitor’s message in the agents’ inbox and gives the visitor the thread’s reference', async () => {
    const { cookie } = await desk.signIn();
    const agent = await desk.connectAgent(cookie);
    const visitor = await connectVisitor(await newChatToken());
    const threadArrives = nextThreadUpdate(agent, (thread) => thread.channel === 'webchat');
    const referenceArrives = new Promise<string>((resolve) => visitor.once('chat:reference', resolve));

    expect(await say(visitor, 'My bike was stolen from outside the library')).toEqual({ ok: true });

    const thread = await threadArrives;
    expect(thread.lastMessagePreview).toBe('My bike was stolen from outside the library');
    expect(await referenceArrives).toBe(thread.reference);
  });

  it('delivers an agent’s reply to the visitor live, and keeps it for when the visitor comes back', async () => {
    const { cookie } = await desk.signIn();
    const token = await newChatToken();
    const visitor = await connectVisitor(token);
    const reference = new Promise<string>((resolve) => visitor.once('chat:reference', resolve));
    await say(visitor, 'Is the A6 closed?');
    const threadReference = await reference;
    const threads = await desk.api('/api/threads', { cookie });
    const thread = threads.body.threads.find((candidate: { reference: string }) => candidate.reference === threadReference);

    const replyArrives = new Promise((resolve) => visitor.once('chat:line', resolve));
    await desk.api(`/api/threads/${thread.id}/replies`, { cookie, body: { clientId: randomUUID(), text: 'Yes, until 6pm.' } });
    expect(await replyArrives).toMatchObject({ from: 'desk', text: 'Yes, until 6pm.' });

    visitor.disconnect();
    const returning = await connectVisitor(token);
    const { reference: remembered, lines } = await history(returning);
    expect(remembered).toBe(threadReference);
    expect(lines.map((line) => [line.from, line.text])).toEqual([
      ['visitor', 'Is the A6 closed?'],
      ['desk', 'Yes, until 6pm.'],
    ]);
  });

  it('tells agents when the visitor has left', async () => {
    const { cookie } = await desk.signIn();
    const agent = await desk.connectAgent(cookie);
    const visitor = await connectVisitor(await newChatToken());
    const arrived = nextEvent(agent, 'visitor:presence', (event) => event.isPresent);
    await say(visitor, 'Hello?');
    const thread = await arrived;
    expect(await agent.timeout(5000).emitWithAck('thread:visitor-presence', { threadId: thread.threadId })).toBe(true);
    const left = nextEvent(agent, 'visitor:presence', (event) => !event.isPresent);
    visitor.disconnect();
    expect((await left).isPresent).toBe(false);
    expect(await agent.timeout(5000).emitWithAck('thread:visitor-presence', { threadId: thread.threadId })).toBe(false);
  });

  it('stores a message resent with the same client id once', async () => {
    const visitor = await connectVisitor(await newChatToken());
    const reference = new Promise<string>((resolve) => visitor.once('chat:reference', resolve));
    const clientId = randomUUID();
    await say(visitor, 'Sent twice by a flaky network', clientId);
    await say(visitor, 'Sent twice by a flaky network', clientId);
    await reference;
    await desk.inboundSettled();
    expect((await history(visitor)).lines).toHaveLength(1);
  });

  it('refuses a forged visitor token', async () => {
    const genuine = await newChatToken();
    const [version, conversationId] = genuine.split('.');
    const forged = `${version}.${conversationId}.${'A'.repeat(43)}`;
    await expect(connectVisitor(forged)).rejects.toThrow('invalid_token');
    await expect(connectVisitor('v1.made-up.token')).rejects.toThrow('invalid_token');
  });

  it('refuses a message longer than the limit', async () => {
    const visitor = await connectVisitor(await newChatToken());
    expect(await say(visitor, 'x'.repeat(2001))).toEqual({ ok: false, code: 'invalid' });
  });

  it('drops a visitor connection that sends an oversized frame', async () => {
    const visitor = await connectVisitor(await newChatToken());
    const dropped = new Promise<string>((resolve) => visitor.once('disconnect', resolve));
    visitor.emit('visitor:message', { clientId: randomUUID(), text: 'x'.repeat(100_000) }, () => {});
    expect(await dropped).toBe('transport close');
  });

  it('slows down a visitor who sends too many messages', async () => {
    const visitor = await connectVisitor(await newChatToken());
    const answers: VisitorAck[] = [];
    for (let index = 0; index < 21; index += 1) answers.push(await say(visitor, `message ${index}`));
    expect(answers.slice(0, 20).every((answer) => answer.ok)).toBe(true);
    expect(answers[20]).toEqual({ ok: false, code: 'rate_limited' });
  });

  it('refuses more new chats from one address than the limit allows', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      statuses.push((await desk.api('/api/public/chat/session', { method: 'POST', body: {} })).status);
    }
    expect(statuses).toContain(429);
    const refused = await desk.api('/api/public/chat/session', { method: 'POST', body: {} });
    expect(refused.body.error.code).toBe('rate_limited');
  });
});

describe('online report form', () => {
  // Every request here comes from 127.0.0.1, whose allowance is 5 reports an hour: these tests
  // send 5 between them, before the rate-limit test below uses the rest up.
  it('opens a thread in the inbox and gives the reporter its reference and a code at once', async () => {
    const { cookie } = await desk.signIn();
    const response = await desk.api('/api/public/reports', { body: aReport });
    expect(response.status).toBe(201);
    expect(response.body.reference).toMatch(/^SMD-\d{4}-\d{6}$/);
    expect(response.body.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const threads = await desk.api('/api/threads', { cookie });
    const thread = threads.body.threads.find((candidate: { reference: string }) => candidate.reference === response.body.reference);
    expect(thread).toMatchObject({ channel: 'report_form', contact: { displayName: 'Sam Reporter' } });
    const detail = await desk.api(`/api/threads/${thread.id}`, { cookie });
    expect(detail.body.messages[0].text).toContain('Where: High Street bus stop, Anytown');
  });

  it('lets the reporter add information with the reference and code, and refuses a wrong code', async () => {
    const { cookie } = await desk.signIn();
    const { body: receipt } = await desk.api('/api/public/reports', { body: { ...aReport, whatHappened: 'Graffiti on the church wall' } });

    const wrong = await desk.api('/api/public/reports/additions', {
      body: { reference: receipt.reference, code: 'AAAA-AAAA', clientId: randomUUID(), text: 'guessing' },
    });
    expect(wrong.status).toBe(404);

    const added = await desk.api('/api/public/reports/additions', {
      body: { reference: receipt.reference.toLowerCase(), code: receipt.code.toLowerCase(), clientId: randomUUID(), text: 'It was red paint' },
    });
    expect(added.status).toBe(202);
    await desk.inboundSettled();
    const lookup = await desk.api('/api/public/reports/lookup', { body: { reference: receipt.reference, code: receipt.code } });
    expect(lookup.body.lines.map((line: { text: string }) => line.text)).toContain('Added by the reporter: It was red paint');
    const threads = await desk.api('/api/threads', { cookie });
    expect(threads.body.threads.find((thread: { reference: string }) => thread.reference === receipt.reference).lastMessagePreview).toContain('red paint');
  });

  it('starts a report in the team queue configured for its type', async () => {
    const { body: roads } = await desk.api('/api/public/reports', { body: { ...aReport, type: 'road_traffic', whatHappened: 'Car parked on the zigzags' } });
    const { body: damage } = await desk.api('/api/public/reports', { body: aReport });
    const teamOf = async (reference: string) => {
      const [row] = await desk.desk.database.db
        .select({ team: teams.name })
        .from(threads)
        .leftJoin(teams, eq(teams.id, threads.teamId))
        .where(eq(threads.reference, reference));
      return row?.team;
    };
    expect(await teamOf(roads.reference)).toBe('Roads Policing');
    expect(await teamOf(damage.reference)).toBeNull();
  });

  it('refuses an incomplete report, saying what is missing', async () => {
    const response = await desk.api('/api/public/reports', { body: { ...aReport, where: ' ' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('where');
  });

  it('refuses an oversized body', async () => {
    const response = await desk.api('/api/public/reports', { body: { ...aReport, whatHappened: 'x'.repeat(40_000) } });
    expect(response.status).toBe(413);
  });
});

describe('rate limits on reports', () => {
  it('refuses more reports from one address than the limit allows', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) statuses.push((await desk.api('/api/public/reports', { body: { ...aReport, where: '' } })).status);
    expect(statuses).toContain(429);
  });
});
