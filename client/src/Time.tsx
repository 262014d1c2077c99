import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from './i18n';
import { dateWordsFor, type DateWords } from './i18n/dates';

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

export function formatRelativeTime(iso: string, now: number, words: DateWords, justNow: string): string {
  if (!isValidTime(iso)) return iso;
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) return justNow;
  if (elapsed < HOUR) return words.ago(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return words.ago(Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return words.ago(Math.floor(elapsed / DAY), 'day');
  return words.dayMonth(new Date(iso));
}

/** The screen language's way of writing dates and times (see i18n/dates.ts). */
export function useDateWords(): DateWords {
  const locale = useLocale();
  const { t } = useTranslation();
  return dateWordsFor(locale, t);
}

export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const words = useDateWords();
  const { t } = useTranslation();
  if (!isValidTime(iso)) return <time>{iso}</time>;
  return (
    <time dateTime={iso} title={words.full(new Date(iso))}>
      {formatRelativeTime(iso, now, words, t('time.justNow'))}
    </time>
  );
}

/** A message's time: the clock time today, with the date before that. */
export function MessageTime({ iso }: { iso: string }) {
  const words = useDateWords();
  if (!isValidTime(iso)) return <time>{iso}</time>;
  const date = new Date(iso);
  const isToday = words.dayMonth(date) === words.dayMonth(new Date());
  return (
    <time dateTime={iso} title={words.full(date)}>
      {isToday ? words.clock(date) : `${words.dayMonth(date)}, ${words.clock(date)}`}
    </time>
  );
}
