import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from './i18n';

interface Formats {
  relative: Intl.RelativeTimeFormat;
  dayMonth: Intl.DateTimeFormat;
  clock: Intl.DateTimeFormat;
  full: Intl.DateTimeFormat;
}

const formatsByLocale = new Map<string, Formats>();

/** One set of formatters per screen language, made once: a list of 10,000 rows shares them. */
function formatsFor(locale: string): Formats {
  let formats = formatsByLocale.get(locale);
  if (!formats) {
    formats = {
      relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }),
      dayMonth: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
      clock: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
      full: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }),
    };
    formatsByLocale.set(locale, formats);
  }
  return formats;
}

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

export function formatRelativeTime(iso: string, now: number, locale = 'en-GB', justNow = 'just now'): string {
  if (!isValidTime(iso)) return iso;
  const { relative, dayMonth } = formatsFor(locale);
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) return justNow;
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return dayMonth.format(new Date(iso));
}

export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const locale = useLocale();
  const { t } = useTranslation();
  if (!isValidTime(iso)) return <time>{iso}</time>;
  return (
    <time dateTime={iso} title={formatsFor(locale).full.format(new Date(iso))}>
      {formatRelativeTime(iso, now, locale, t('time.justNow'))}
    </time>
  );
}

/** A message's time: the clock time today, with the date before that. */
export function MessageTime({ iso }: { iso: string }) {
  const locale = useLocale();
  if (!isValidTime(iso)) return <time>{iso}</time>;
  const { clock, dayMonth, full } = formatsFor(locale);
  const date = new Date(iso);
  const isToday = date.toDateString() === new Date().toDateString();
  return (
    <time dateTime={iso} title={full.format(date)}>
      {isToday ? clock.format(date) : `${dayMonth.format(date)}, ${clock.format(date)}`}
    </time>
  );
}
