import { REFERENCE_PREFIX } from '../../shared/constants';
import type { ReferencePattern } from './rules.schema';

/**
 * Finds reference numbers in a message: ours (`SMD-2026-000123`, written any old way:
 * "smd 2026 123", "SMD2026000123") in canonical form, and the force's crime and incident
 * numbers, whose formats are regular expressions in the rules (settings.json).
 */
export interface ReferenceExtractor {
  extract(text: string): string[];
}

interface Found {
  index: number;
  end: number;
  value: string;
}

const SEPARATOR = '[\\s\\-–—_/.]*';

export function createReferenceExtractor(
  forcePatterns: readonly ReferencePattern[],
  prefix: string = REFERENCE_PREFIX,
): ReferenceExtractor {
  const ours = new RegExp(`(?<![\\p{L}\\p{N}])${prefix}${SEPARATOR}(\\d{4})${SEPARATOR}(\\d{1,6})(?!\\d)`, 'giu');
  const oursAtStart = new RegExp(`^${prefix}\\W*\\d`, 'i');
  const force = forcePatterns.map((reference) => ({
    group: reference.group,
    regex: new RegExp(reference.pattern, `${reference.flags.replace('g', '')}g`),
  }));

  return {
    extract(text) {
      const found: Found[] = [];
      for (const match of text.matchAll(ours)) {
        found.push({ index: match.index, end: match.index + match[0].length, value: canonicalReference(match[1]!, match[2]!, prefix) });
      }
      const overlapsOurs = (index: number, end: number) =>
        found.some((reference) => index < reference.end && end > reference.index);
      for (const { regex, group } of force) {
        for (const match of text.matchAll(regex)) {
          const raw = match[group];
          if (!raw) continue;
          const start = match.index + match[0].lastIndexOf(raw);
          const value = raw.trim().replace(/[.,;:)\]/-]+$/, '').toUpperCase();
          if (value.length === 0 || oursAtStart.test(value) || overlapsOurs(start, start + raw.length)) continue;
          found.push({ index: start, end: start + raw.length, value });
        }
      }
      found.sort((a, b) => a.index - b.index);
      return [...new Set(found.map((reference) => reference.value))];
    },
  };
}

/** `SMD-2026-000123`: the prefix, the year and a six-digit serial. */
export function canonicalReference(year: string, serial: string, prefix: string = REFERENCE_PREFIX): string {
  return `${prefix.toUpperCase()}-${year}-${serial.padStart(6, '0')}`;
}
