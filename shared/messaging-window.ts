// Facebook's messaging window (contracts/platforms.md §2 "Windows"): standard replies only within
// 24 h of the person's last message; a human agent may reply with the HUMAN_AGENT tag up to 7 days
// after it, when the force has Meta's Human Agent permission. Shared so the composer and the
// server judge a reply the same way.

import type { ChannelType } from './constants';

const HOUR_MS = 60 * 60 * 1000;
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

/** Messenger and Instagram DMs (through the Messenger Platform, §9) share the window rules. */
export function hasMessagingWindow(channel: ChannelType): boolean {
  return channel === 'facebook' || channel === 'instagram';
}

export type ReplyAllowance =
  | { allowed: true; tag: null; closesAt: Date }
  | { allowed: true; tag: 'HUMAN_AGENT'; closesAt: Date }
  | { allowed: false; reason: string };

export function replyAllowance(input: { lastInboundAt: Date | null; now: Date; humanAgentTagAllowed: boolean }): ReplyAllowance {
  const { lastInboundAt, now, humanAgentTagAllowed } = input;
  if (!lastInboundAt) return { allowed: false, reason: 'The person has not messaged the Page, so Facebook does not let us write to them.' };
  const standardClosesAt = new Date(lastInboundAt.getTime() + STANDARD_WINDOW_MS);
  if (now <= standardClosesAt) return { allowed: true, tag: null, closesAt: standardClosesAt };
  const humanAgentClosesAt = new Date(lastInboundAt.getTime() + HUMAN_AGENT_WINDOW_MS);
  if (humanAgentTagAllowed && now <= humanAgentClosesAt) return { allowed: true, tag: 'HUMAN_AGENT', closesAt: humanAgentClosesAt };
  return {
    allowed: false,
    reason: humanAgentTagAllowed
      ? 'Facebook’s 7-day human agent window has closed: the person must message the Page again before we can reply.'
      : 'Facebook’s 24-hour messaging window has closed: the person must message the Page again before we can reply.',
  };
}

/** "5 h 12 min", "3 days 4 h": how long until the window closes. */
export function describeTimeLeft(closesAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((closesAt.getTime() - now.getTime()) / 60_000));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}
