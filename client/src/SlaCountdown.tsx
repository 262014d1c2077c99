import type { ThreadSummary } from '../../shared/api';
import { isOverdue } from '../../shared/thread-views';

function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h ${minutes % 60}m` : `${Math.floor(hours / 24)}d`;
}

/** "Reply due in 42m" while waiting for a first response; "Overdue 5m" once past the SLA. */
export function SlaCountdown({ thread, now }: { thread: ThreadSummary; now: number }) {
  if (thread.slaDueAt === null || thread.firstResponseAt !== null || thread.status === 'closed') return null;
  const left = Date.parse(thread.slaDueAt) - now;
  const overdue = isOverdue(thread, now);
  return (
    <span className={overdue ? 'sla sla-overdue' : 'sla'} data-testid="sla" data-overdue={overdue ? 'true' : 'false'}>
      {overdue ? `Overdue ${duration(left)}` : `Reply due in ${duration(left)}`}
    </span>
  );
}
