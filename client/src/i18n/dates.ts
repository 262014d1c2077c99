import type { TFunction } from 'i18next';

/** The desk's times: always the office clock (UK), whatever the computer's own zone. */
export const DESK_TIME_ZONE = 'Europe/London';

export type RelativeUnit = 'minute' | 'hour' | 'day';

/** Dates and times written the way the screen's language writes them. */
export interface DateWords {
  /** "5 min ago", "5 munud yn ôl"; yesterday for one day. */
  ago(count: number, unit: RelativeUnit): string;
  /** "25 Nov", "25 Tach". */
  dayMonth(date: Date): string;
  /** "19:05". */
  clock(date: Date): string;
  /** "25 Nov 2026, 19:05". */
  dateTime(date: Date): string;
  /** "Wednesday 25 November 2026 at 19:05". */
  full(date: Date): string;
}

const cache = new Map<string, DateWords>();

/**
 * Intl where the browser has the language's data; the translations where it has not: Chromium
 * (and Chrome) ship no Welsh locale data, so Intl's 'cy' writes English months and "5 minutes ago".
 */
export function dateWordsFor(locale: string, t: TFunction, useIntl = hasLocaleData(locale)): DateWords {
  const key = `${locale}|${useIntl}`;
  let words = cache.get(key);
  if (!words) {
    words = useIntl ? intlDateWords(locale) : translatedDateWords(t);
    cache.set(key, words);
  }
  return words;
}

function hasLocaleData(locale: string): boolean {
  return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 && Intl.RelativeTimeFormat.supportedLocalesOf([locale]).length > 0;
}

function intlDateWords(locale: string): DateWords {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: DESK_TIME_ZONE });
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: DESK_TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: DESK_TIME_ZONE });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: DESK_TIME_ZONE });
  return {
    ago: (count, unit) => relative.format(-count, unit),
    dayMonth: (date) => dayMonth.format(date),
    clock: (date) => clock.format(date),
    dateTime: (date) => dateTime.format(date),
    full: (date) => full.format(date),
  };
}

// Numbers only, which every browser has: the words come from the translations.
const ukParts = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: DESK_TIME_ZONE,
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function partsOf(date: Date) {
  const parts = Object.fromEntries(ukParts.formatToParts(date).map((part) => [part.type, part.value]));
  const month = String(parts.month).padStart(2, '0');
  return { day: Number(parts.day), month, year: parts.year, weekday: WEEKDAYS.indexOf(String(parts.weekday)), clock: `${parts.hour}:${parts.minute}` };
}

function translatedDateWords(t: TFunction): DateWords {
  const words = (date: Date) => {
    const parts = partsOf(date);
    return { ...parts, monthName: t(`time.months.${parts.month}`), shortMonth: t(`time.shortMonths.${parts.month}`), weekdayName: t(`time.weekdays.${parts.weekday}`) };
  };
  return {
    ago: (count, unit) => (unit === 'day' && count === 1 ? t('time.yesterday') : t(`time.ago.${unit}`, { count })),
    dayMonth: (date) => {
      const { day, shortMonth } = words(date);
      return t('time.dayMonth', { day, month: shortMonth });
    },
    clock: (date) => partsOf(date).clock,
    dateTime: (date) => {
      const { day, shortMonth, year, clock } = words(date);
      return t('time.dateTime', { day, month: shortMonth, year, clock });
    },
    full: (date) => {
      const { day, monthName, year, clock, weekdayName } = words(date);
      return t('time.full', { weekday: weekdayName, day, month: monthName, year, clock });
    },
  };
}
