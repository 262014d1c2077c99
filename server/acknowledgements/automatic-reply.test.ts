import { describe, expect, it } from 'vitest';
import { chooseAutomaticReply } from './automatic-reply';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-25T12:00:00Z');
const never = { lastAutoReplyAt: null, lastAutoReplyWasEmergency: false };
const anHourAgo = (wasEmergency: boolean) => ({ lastAutoReplyAt: new Date(now.getTime() - 3600_000), lastAutoReplyWasEmergency: wasEmergency });

describe('choosing the automatic reply', () => {
  it('acknowledges the first message of a thread', () => {
    expect(chooseAutomaticReply(never, 'routine', now, DAY)).toBe('standard');
  });

  it('gives an emergency the emergency version straight away', () => {
    expect(chooseAutomaticReply(never, 'emergency', now, DAY)).toBe('emergency');
  });

  it('stays quiet for later messages within the period', () => {
    expect(chooseAutomaticReply(anHourAgo(false), 'priority', now, DAY)).toBeNull();
  });

  it('still sends the emergency version once when a thread turns into an emergency', () => {
    expect(chooseAutomaticReply(anHourAgo(false), 'emergency', now, DAY)).toBe('emergency');
    expect(chooseAutomaticReply(anHourAgo(true), 'emergency', now, DAY)).toBeNull();
  });

  it('acknowledges again once the period has passed', () => {
    expect(chooseAutomaticReply({ lastAutoReplyAt: new Date(now.getTime() - 2 * DAY), lastAutoReplyWasEmergency: true }, 'routine', now, DAY)).toBe('standard');
  });
});
