import { describe, expect, it } from 'vitest';
import { isSendOf } from './reconcile-own-sends';

const startedAt = new Date('2026-11-25T10:00:00.000Z');
const reply = { text: 'Thanks Robin,\r\nan officer will call you.  ', sendStartedAt: startedAt, sendMediaIds: [] };
const dm = { text: 'Thanks Robin,\nan officer will call you.', mediaIds: [], sentAt: '2026-11-25T10:00:01.000Z' };

describe('matching a DM the account sent to a reply whose send was interrupted', () => {
  it('takes the same words in X’s whitespace, sent after the send started, for the reply', () => {
    expect(isSendOf(dm, reply)).toBe(true);
  });

  it('does not take other words for it', () => {
    expect(isSendOf({ ...dm, text: 'Thanks Robin, an officer will call you tomorrow.' }, reply)).toBe(false);
  });

  it('does not take a DM sent well before the send started (an earlier reply with the same words)', () => {
    expect(isSendOf({ ...dm, sentAt: '2026-11-25T09:58:00.000Z' }, reply)).toBe(false);
  });

  it('allows for a few seconds between X’s clock and ours', () => {
    expect(isSendOf({ ...dm, sentAt: '2026-11-25T09:59:57.000Z' }, reply)).toBe(true);
  });

  it('matches an image reply by the media id uploaded for it, and nothing else', () => {
    const withImage = { ...reply, text: '', sendMediaIds: ['1146654567674912769'] };
    expect(isSendOf({ ...dm, text: '', mediaIds: ['1146654567674912769'] }, withImage)).toBe(true);
    expect(isSendOf({ ...dm, text: '', mediaIds: ['1146654567674912770'] }, withImage)).toBe(false);
    expect(isSendOf({ ...dm, text: '', mediaIds: [] }, withImage)).toBe(false);
  });
});
