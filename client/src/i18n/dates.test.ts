import { describe, expect, it } from 'vitest';
import { deskTranslations } from '.';
import { dateWordsFor } from './dates';

const welsh = dateWordsFor('cy-GB', deskTranslations('cy').t, false);
const english = dateWordsFor('en-GB', deskTranslations('en').t, true);
const wednesdayEvening = new Date('2026-11-25T19:05:00Z');
const midsummerNoonUtc = new Date('2026-07-01T12:00:00Z');

describe('dates on a Welsh screen in a browser without Welsh locale data (Chromium, Chrome)', () => {
  it('writes the day, month and weekday in Welsh from the translations', () => {
    expect(welsh.full(wednesdayEvening)).toBe('dydd Mercher 25 Tachwedd 2026 am 19:05');
    expect(welsh.dayMonth(wednesdayEvening)).toBe('25 Tach');
    expect(welsh.dateTime(wednesdayEvening)).toBe('25 Tach 2026, 19:05');
  });

  it('says how long ago in Welsh, and yesterday as ddoe', () => {
    expect(welsh.ago(5, 'minute')).toBe('5 mun yn ôl');
    expect(welsh.ago(3, 'hour')).toBe('3 awr yn ôl');
    expect(welsh.ago(1, 'day')).toBe('ddoe');
    expect(welsh.ago(4, 'day')).toBe('4 diwrnod yn ôl');
  });

  it('reads the office clock, an hour ahead of UTC in summer', () => {
    expect(welsh.clock(midsummerNoonUtc)).toBe('13:00');
  });
});

describe('dates on an English screen', () => {
  it('come from Intl, on the office clock', () => {
    expect(english.dayMonth(wednesdayEvening)).toBe('25 Nov');
    expect(english.clock(midsummerNoonUtc)).toBe('13:00');
    expect(english.ago(5, 'minute')).toBe('5 min ago');
  });
});
