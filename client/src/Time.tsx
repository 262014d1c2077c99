import { useEffect, useState } from 'react';

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto', style: 'short' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The current time, refreshed on an interval: one timer for a whole list, not one per row. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Timestamps are plain strings in shared/api.ts, so a bad one shows as sent rather than crashing. */
function isValidTime(iso: string): boolean {
  return !Number.isNaN(Date.parse(iso));
}

export function formatRelativeTime(iso: string, now: number): string {
  if (!isValidTime(iso)) return iso;
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return dayMonth.format(new Date(iso));
}

export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  if (!isValidTime(iso)) return <time>{iso}</time>;
  return (
    <time dateTime={iso} title={full.format(new Date(iso))}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}

/** A message's time: the clock time today, with the date before that. */
export function MessageTime({ iso }: { iso: string }) {
  if (!isValidTime(iso)) return <time>{iso}</time>;
  const date = new Date(iso);
  const isToday = date.toDateString() === new Date().toDateString();
  return (
    <time dateTime={iso} title={full.format(date)}>
      {isToday ? clock.format(date) : `${dayMonth.format(date)}, ${clock.format(date)}`}
    </time>
  );
}
