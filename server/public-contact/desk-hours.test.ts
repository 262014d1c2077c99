import { describe, expect, it } from 'vitest';
import { isWithinDeskHours } from './desk-hours';

describe('desk hours', () => {
  it('are always open for a 24/7 desk', () => {
    expect(isWithinDeskHours(null, new Date('2026-12-25T03:00:00Z'))).toBe(true);
  });

  it('are read in UK time, summer and winter', () => {
    const day = { opens: '08:00', closes: '20:00' };
    expect(isWithinDeskHours(day, new Date('2026-07-01T07:30:00Z'))).toBe(true); // 08:30 BST
    expect(isWithinDeskHours(day, new Date('2026-01-15T07:30:00Z'))).toBe(false); // 07:30 GMT
    expect(isWithinDeskHours(day, new Date('2026-01-15T20:00:00Z'))).toBe(false); // closes at 20:00
  });

  it('span midnight for a night desk', () => {
    const night = { opens: '22:00', closes: '06:00' };
    expect(isWithinDeskHours(night, new Date('2026-01-15T23:30:00Z'))).toBe(true);
    expect(isWithinDeskHours(night, new Date('2026-01-15T05:59:00Z'))).toBe(true);
    expect(isWithinDeskHours(night, new Date('2026-01-15T12:00:00Z'))).toBe(false);
  });
});
