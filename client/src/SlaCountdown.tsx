import type { ThreadSummary } from '../../shared/api';
import { isOverdue } from '../../shared/thread-views';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

function duration(t: TFunction, ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return t('sla.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? t('sla.hours', { hours, minutes: minutes % 60 }) : t('sla.days', { days: Math.floor(hours / 24) });
}

/** "Reply due in 42m" while waiting for a first response; "Overdue 5m" once past the SLA. */
export function SlaCountdown({ thread, now }: { thread: ThreadSummary; now: number }) {
  const { t } = useTranslation();
  if (thread.slaDueAt === null || thread.firstResponseAt !== null || thread.status === 'closed') return null;
  const left = Date.parse(thread.slaDueAt) - now;
  const overdue = isOverdue(thread, now);
  return (
    <span className={overdue ? 'sla sla-overdue' : 'sla'} data-testid="sla" data-overdue={overdue ? 'true' : 'false'}>
      {overdue ? t('sla.overdue', { time: duration(t, left) }) : t('sla.due', { time: duration(t, left) })}
    </span>
  );
}
