import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../shared/api';
import { mergeLoadedMessages, removeMessage, upsertMessage } from './messageList';

function message(overrides: Partial<MessageView>): MessageView {
  return {
    id: 'm1',
    threadId: 't1',
    direction: 'out',
    kind: 'text',
    text: 'Thank you, an officer will call you back.',
    attachments: [],
    deliveryStatus: 'queued',
    failureReason: null,
    clientId: null,
    authorName: 'PC Jones',
    triage: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

const CLIENT_ID = '0b7c6f1e-1c1a-4c55-9d0e-5f1f6f0c2a11';

describe('upsertMessage', () => {
  it('appends a message it has not seen', () => {
    const inbound = message({ id: 'm2', direction: 'in', deliveryStatus: 'received' });
    expect(upsertMessage([message({})], inbound).map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('places a message delivered late in the order it was sent', () => {
    const first = message({ id: 'm1', createdAt: '2026-03-01T10:00:00.000Z' });
    const third = message({ id: 'm3', createdAt: '2026-03-01T10:02:00.000Z' });
    const second = message({ id: 'm2', direction: 'in', deliveryStatus: 'received', createdAt: '2026-03-01T10:01:00.000Z' });
    expect(upsertMessage([first, third], second).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('moves a reply on from sent to delivered and read, never back to sending', () => {
    const read = message({ id: 'm9', deliveryStatus: 'read' });
    expect(upsertMessage([read], message({ id: 'm9', deliveryStatus: 'queued' }))[0]!.deliveryStatus).toBe('read');
  });

  it('replaces the optimistic copy of a reply with the server copy, matched by clientId', () => {
    const optimistic = message({ id: `local:${CLIENT_ID}`, clientId: CLIENT_ID });
    const fromServer = message({ id: 'm9', clientId: CLIENT_ID });
    expect(upsertMessage([optimistic], fromServer)).toEqual([fromServer]);
  });

  it('shows a reply once when the socket push and the POST response both arrive', () => {
    const fromServer = message({ id: 'm9', clientId: CLIENT_ID });
    const shown = upsertMessage(upsertMessage([], fromServer), fromServer);
    expect(shown).toHaveLength(1);
  });

  it('applies a delivery update by id', () => {
    const failed = message({ deliveryStatus: 'failed', failureReason: 'Outside the 24-hour window' });
    expect(upsertMessage([message({})], failed)).toEqual([failed]);
  });

  it('keeps "sent" when a late POST response still says "queued"', () => {
    const sent = message({ id: 'm9', clientId: CLIENT_ID, deliveryStatus: 'sent' });
    const lateResponse = message({ id: 'm9', clientId: CLIENT_ID, deliveryStatus: 'queued' });
    expect(upsertMessage([sent], lateResponse)[0]?.deliveryStatus).toBe('sent');
  });
});

describe('mergeLoadedMessages', () => {
  it('keeps a reply still being sent that the load did not include', () => {
    const optimistic = message({ id: `local:${CLIENT_ID}`, clientId: CLIENT_ID });
    const loaded = [message({ id: 'm0', direction: 'in', deliveryStatus: 'received' })];
    expect(mergeLoadedMessages([optimistic], loaded).map((m) => m.id)).toEqual(['m0', optimistic.id]);
  });

  it('does not move a failed reply back to queued when the load started before the failure', () => {
    const failed = message({ deliveryStatus: 'failed', failureReason: 'User unavailable' });
    const [merged] = mergeLoadedMessages([failed], [message({})]);
    expect(merged?.deliveryStatus).toBe('failed');
    expect(merged?.failureReason).toBe('User unavailable');
  });
});

describe('removeMessage', () => {
  it('removes only the message with that id', () => {
    expect(removeMessage([message({}), message({ id: 'm2' })], 'm1').map((m) => m.id)).toEqual(['m2']);
  });
});
