import { describe, expect, it } from 'vitest';
import { describeTimeLeft, replyAllowance } from './messaging-window';

const HOUR = 60 * 60 * 1000;
const now = new Date('2026-03-10T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);

describe('Facebook’s messaging window', () => {
  it('allows a standard reply up to 24 hours after the person’s last message', () => {
    expect(replyAllowance({ lastInboundAt: ago(23), now, humanAgentTagAllowed: false })).toMatchObject({ allowed: true, tag: null });
  });

  it('allows a HUMAN_AGENT reply between 24 hours and 7 days only with the permission', () => {
    expect(replyAllowance({ lastInboundAt: ago(25), now, humanAgentTagAllowed: true })).toMatchObject({ allowed: true, tag: 'HUMAN_AGENT' });
    expect(replyAllowance({ lastInboundAt: ago(25), now, humanAgentTagAllowed: false })).toMatchObject({ allowed: false });
  });

  it('refuses beyond 7 days, saying why', () => {
    const allowance = replyAllowance({ lastInboundAt: ago(7 * 24 + 1), now, humanAgentTagAllowed: true });
    expect(allowance).toEqual({ allowed: false, reason: expect.stringMatching(/7-day human agent window has closed/) });
  });

  it('says how long is left in days, hours and minutes', () => {
    expect(describeTimeLeft(new Date(now.getTime() + 3 * 24 * HOUR + 4 * HOUR), now)).toBe('3 days 4 h');
    expect(describeTimeLeft(new Date(now.getTime() + 5 * HOUR + 12 * 60_000), now)).toBe('5 h 12 min');
    expect(describeTimeLeft(new Date(now.getTime() + 9 * 60_000), now)).toBe('9 min');
  });
});
