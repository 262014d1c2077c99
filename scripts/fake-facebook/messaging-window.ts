const HOUR_MS = 60 * 60 * 1000;

/** Standard replies only within 24 h of the person's last message (contract §2, "Windows"). */
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** A human agent may reply with the HUMAN_AGENT tag up to 7 days after it (§2). */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'] as const;
export type MessagingType = (typeof MESSAGING_TYPES)[number];

/**
 * Tags the Send API accepts. Only HUMAN_AGENT fits a police desk; Meta lets the other three
 * send outside the window with no time limit (for non-promotional updates), so the fake does too.
 */
export const MESSAGE_TAGS = [
  'HUMAN_AGENT',
  'ACCOUNT_UPDATE',
  'CONFIRMED_EVENT_UPDATE',
  'POST_PURCHASE_UPDATE',
] as const;
export type MessageTag = (typeof MESSAGE_TAGS)[number];

export function isInsideMessagingWindow(input: {
  lastInboundAt: number;
  now: number;
  messagingType: MessagingType;
  tag: MessageTag | undefined;
}): boolean {
  const elapsed = input.now - input.lastInboundAt;
  if (input.messagingType !== 'MESSAGE_TAG') return elapsed <= STANDARD_WINDOW_MS;
  if (input.tag === 'HUMAN_AGENT') return elapsed <= HUMAN_AGENT_WINDOW_MS;
  return true;
}
