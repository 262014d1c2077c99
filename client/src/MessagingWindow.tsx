import { useEffect, useState } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { describeTimeLeft, hasMessagingWindow, replyAllowance, type ReplyAllowance } from '../../shared/messaging-window';

/** Facebook threads only: how long the desk may still reply (contracts §2 "Windows"). */
export function useReplyAllowance(thread: ThreadSummary | null): { allowance: ReplyAllowance; now: Date } | null {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!thread || !hasMessagingWindow(thread.channel)) return null;
  const allowance = replyAllowance({
    lastInboundAt: thread.lastInboundAt ? new Date(thread.lastInboundAt) : null,
    now,
    humanAgentTagAllowed: thread.humanAgentTagAllowed ?? false,
  });
  return { allowance, now };
}

export function MessagingWindowNotice({ allowance, now }: { allowance: ReplyAllowance; now: Date }) {
  if (!allowance.allowed) {
    return (
      <p className="messaging-window is-closed" data-testid="messaging-window">
        Reply window closed
      </p>
    );
  }
  const left = describeTimeLeft(allowance.closesAt, now);
  return (
    <p className="messaging-window" data-testid="messaging-window">
      {allowance.tag === 'HUMAN_AGENT' ? `Human agent reply window: ${left} left` : `Reply window: ${left} left`}
    </p>
  );
}
