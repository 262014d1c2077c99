import { useEffect, useState } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { hasMessagingWindow, replyAllowance, type ReplyAllowance } from '../../shared/messaging-window';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

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

/** Time left in the window, as shared/messaging-window's describeTimeLeft counts it, in the screen's language. */
function timeLeft(t: TFunction, closesAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((closesAt.getTime() - now.getTime()) / 60_000));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  if (days > 0) return t('window.days', { days, hours });
  if (hours > 0) return t('window.hours', { hours, minutes: minutes % 60 });
  return t('window.minutes', { minutes });
}

export function MessagingWindowNotice({ allowance, now }: { allowance: ReplyAllowance; now: Date }) {
  const { t } = useTranslation();
  if (!allowance.allowed) {
    return (
      <p className="messaging-window is-closed" data-testid="messaging-window">
        {t('window.closed')}
      </p>
    );
  }
  const left = timeLeft(t, allowance.closesAt, now);
  return (
    <p className="messaging-window" data-testid="messaging-window">
      {allowance.tag === 'HUMAN_AGENT' ? t('window.humanAgentLeft', { left }) : t('window.left', { left })}
    </p>
  );
}
