import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messages, threads } from '../db/schema';
import { eventually, nextEvent, startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ environment: { AUTO_ACKNOWLEDGEMENT: 'true' } });
});
afterAll(async () => {
  await desk?.close();
});

const sentTo = (psid: string) => desk.facebook.sentMessages.filter((sent) => sent.recipientId === psid);

describe('triage in the pipeline', () => {
  it('stores an emergency as such, alerts every agent and sends the emergency acknowledgement once', async () => {
    const { cookie } = await desk.signIn();
    const socket = await desk.connectAgent(cookie);
    const psid = '7400000000000001';
    const alerted = nextEvent(socket, 'thread:emergency');

    await desk.facebook.sendUserMessage({ psid, text: 'theres a lad outside the chippy on mill st waving a machete at people come quick' });
    const thread = await alerted;
    expect(thread.risk).toBe('emergency');
    expect(thread.riskReasons.length).toBeGreaterThan(0);

    const acknowledgement = await eventually(async () => sentTo(psid)[0]);
    expect(acknowledgement.text).toMatch(/call 999/i);
    expect(acknowledgement.text).toContain(thread.reference);

    await desk.facebook.sendUserMessage({ psid, text: 'hes still there by the door' });
    await desk.inboundSettled();
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong second acknowledgement
    expect(sentTo(psid)).toHaveLength(1);
  });

  it('acknowledges a Welsh message in Welsh, with the reference number', async () => {
    const psid = '7400000000000002';
    await desk.facebook.sendUserMessage({ psid, text: 'Mae rhywun wedi dwyn fy meic o’r tu allan i’r siop ddoe' });
    const acknowledgement = await eventually(async () => sentTo(psid)[0]);
    expect(acknowledgement.text).toMatch(/cyfeirnod/i);
    expect(acknowledgement.text).toMatch(/SMD-\d{4}-\d{6}/);
    const [thread] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid));
    expect(thread).toMatchObject({ language: 'cy', risk: expect.not.stringMatching('emergency') });
  });

  it('answers a Welsh emergency with the Welsh emergency acknowledgement, once', async () => {
    const psid = '7400000000000009';
    await desk.facebook.sendUserMessage({ psid, text: 'Mae dyn yn fy nharo i nawr, plîs helpwch, dw i ddim yn gallu ffonio' });
    const acknowledgement = await eventually(async () => sentTo(psid)[0]);
    expect(acknowledgement.text).toMatch(/^Os ydych chi mewn perygl nawr, ffoniwch 999/);
    expect(acknowledgement.text).toMatch(/SMD-\d{4}-\d{6}/);
    const [thread] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid));
    expect(thread).toMatchObject({ language: 'cy', risk: 'emergency' });

    await desk.facebook.sendUserMessage({ psid, text: 'mae e dal yma' });
    await desk.inboundSettled();
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong second acknowledgement
    expect(sentTo(psid)).toHaveLength(1);
  });

  it('links an update request to the thread whose reference it quotes', async () => {
    await desk.facebook.sendUserMessage({ psid: '7400000000000003', text: 'My car was broken into overnight on Park Lane' });
    const earlier = await eventually(async () => {
      const [row] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, '7400000000000003'));
      return row;
    });
    const { cookie } = await desk.signIn();
    await desk.facebook.sendUserMessage({ psid: '7400000000000004', text: `hi any update on ${earlier.reference.toLowerCase()} please` });
    const update = await eventually(async () => {
      const list = await desk.api('/api/threads', { cookie });
      return list.body.threads.find((candidate: { linkedThread: { reference: string } | null }) => candidate.linkedThread?.reference === earlier.reference);
    });
    expect(update.category).toBe('update-request');
  });

  it('restricts a thread about a sexual offence', async () => {
    await desk.facebook.sendUserMessage({ psid: '7400000000000005', text: 'I was raped at a party last month and I want to talk to someone about reporting it' });
    const thread = await eventually(async () => {
      const [row] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, '7400000000000005'));
      return row;
    });
    expect(thread.restricted).toBe(true);
    expect(thread.category).toBe('sexual-offence');
  });

  it('lets an agent override the risk, keeps it against later triage, and audits it', async () => {
    const { cookie } = await desk.signIn();
    const psid = '7400000000000006';
    await desk.facebook.sendUserMessage({ psid, text: 'Where can I hand in a set of keys I found?' });
    const thread = await eventually(async () => {
      const [row] = await desk.desk.database.db.select().from(threads).where(eq(threads.platformConversationId, psid));
      return row;
    });
    const override = await desk.api(`/api/threads/${thread.id}/risk`, { method: 'PUT', cookie, body: { risk: 'priority', reason: 'Caller known to be vulnerable' } });
    expect(override.status).toBe(200);
    expect(override.body.thread).toMatchObject({ risk: 'priority', isRiskOverridden: true });
    await desk.facebook.sendUserMessage({ psid, text: 'thanks, sorted now' });
    await desk.inboundSettled();
    const [after] = await desk.desk.database.db.select().from(threads).where(eq(threads.id, thread.id));
    expect(after!.risk).toBe('priority');
    const stored = await desk.desk.database.db.select().from(messages).where(eq(messages.threadId, thread.id));
    expect(stored.filter((message) => message.direction === 'in')).toHaveLength(2);
  });
});
