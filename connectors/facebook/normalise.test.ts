import { describe, expect, it } from 'vitest';
import { normaliseWebhook } from './normalise';

const PAGE = '104857600000001';
const PSID = '7000000000000042';
const envelope = (...items: object[]) => ({ object: 'page', entry: items.map((item) => ({ id: PAGE, time: 1718000000123, messaging: [item] })) });

describe('normalising Messenger webhook events', () => {
  it('reads the dashboard’s seconds timestamps as seconds and keeps legacy ids with a colon', () => {
    const { events } = normaliseWebhook(
      envelope({ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1718000000, message: { mid: 'mid.1486:cb04', text: 'hi' } }),
    );
    expect(events[0]).toMatchObject({ platformMessageId: 'mid.1486:cb04', sentAt: '2024-06-10T06:13:20.000Z' });
  });

  it('takes a delivery receipt without a timestamp and a string watermark', () => {
    const { events } = normaliseWebhook(
      envelope({ sender: { id: PSID }, recipient: { id: PAGE }, delivery: { mids: ['m_1'], watermark: '1718000000999' } }),
    );
    expect(events[0]).toEqual({
      kind: 'receipt',
      channel: 'facebook',
      accountId: PAGE,
      platformConversationId: PSID,
      receipt: 'delivered',
      watermark: '2024-06-10T06:13:20.999Z',
      platformMessageIds: ['m_1'],
    });
  });

  it('names the desk message an echo came from only when the metadata is ours', () => {
    const echo = (metadata?: string) => ({
      sender: { id: PAGE },
      recipient: { id: PSID },
      timestamp: 1718000000000,
      message: { is_echo: true, app_id: 1517776481860111, mid: 'm_echo', text: 'ok', ...(metadata ? { metadata } : {}) },
    });
    const ours = normaliseWebhook(envelope(echo('social-desk:0b8f4f0e-7c4e-4a7f-9d43-2f0c1c1e8a11'))).events[0];
    const theirs = normaliseWebhook(envelope(echo('CRM_REF_42'))).events[0];
    expect(ours).toMatchObject({ kind: 'page_sent', platformConversationId: PSID, deskMessageId: '0b8f4f0e-7c4e-4a7f-9d43-2f0c1c1e8a11' });
    expect(theirs).toMatchObject({ kind: 'page_sent', deskMessageId: null });
  });

  it('gives a postback without a mid an id made of sender and time', () => {
    const { events } = normaliseWebhook(
      envelope({ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1718000000000, postback: { title: 'Get Started', payload: 'GET_STARTED' } }),
    );
    expect(events[0]).toMatchObject({ platformMessageId: `postback.${PSID}.1718000000000`, text: 'Get Started', interaction: { type: 'postback', payload: 'GET_STARTED' } });
  });

  it('skips kinds it does not handle, naming them, and keeps the rest of the batch', () => {
    const result = normaliseWebhook(
      envelope(
        { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1718000000000, optin: { ref: 'x' } },
        { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1718000000001, message: { mid: 'm_kept', text: 'kept' } },
      ),
    );
    expect(result.skipped).toEqual(['optin']);
    expect(result.events.map((event) => ('platformMessageId' in event ? event.platformMessageId : null))).toEqual(['m_kept']);
  });

  it('reads Instagram’s envelope as its own channel: reads naming a message, deleted and unsupported messages', () => {
    const IG = '17841400000000001';
    const IGSID = '6400000000000009';
    const item = (body: object) => ({ sender: { id: IGSID }, recipient: { id: IG }, timestamp: 1718000000000, ...body });
    const { events, skipped } = normaliseWebhook({
      object: 'instagram',
      entry: [
        { id: IG, time: 1718000000123, messaging: [item({ message: { mid: 'ig_1', is_unsupported: true } })] },
        { id: IG, time: 1718000000123, messaging: [item({ message: { mid: 'ig_2', is_deleted: true } })] },
        { id: IG, time: 1718000000123, messaging: [item({ read: { mid: 'ig_out_1' } })] },
      ],
    });
    expect(skipped).toEqual(['deleted message']);
    expect(events[0]).toMatchObject({ channel: 'instagram', accountId: IG, platformConversationId: IGSID, attachments: [{ type: 'unsupported', url: null }] });
    expect(events[1]).toMatchObject({ kind: 'receipt', channel: 'instagram', receipt: 'read', platformMessageIds: ['ig_out_1'] });
  });
});
