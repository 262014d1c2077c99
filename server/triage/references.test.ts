import { describe, expect, it } from 'vitest';
import { loadDefaultRules } from './rules';
import { createReferenceExtractor } from './references';

const extractor = createReferenceExtractor(loadDefaultRules().settings.references.force);
const extract = (text: string) => extractor.extract(text);

describe('reference extraction', () => {
  it.each([
    ['my ref is SMD-2026-000123', 'SMD-2026-000123'],
    ['smd-2026-000123 please', 'SMD-2026-000123'],
    ['SMD 2026 000123', 'SMD-2026-000123'],
    ['SMD2026000123', 'SMD-2026-000123'],
    ['ref smd/2025/77', 'SMD-2025-000077'],
    ['(Smd – 2026 – 4512)', 'SMD-2026-004512'],
  ])('reads our reference in "%s" as %s', (text, reference) => {
    expect(extract(text)).toEqual([reference]);
  });

  it.each([
    ['any update on ref 12345', '12345'],
    ['Crime number: 62/123456/24', '62/123456/24'],
    ['my crime ref is CR/004512/24', 'CR/004512/24'],
    ['incident no. 1500-2311 from last week', '1500-2311'],
    ['they gave me GP-24-118830 on the phone', 'GP-24-118830'],
    ['log 0456 of the 3rd', '0456'],
    ['Cyfeirnod 2024-77812', '2024-77812'],
    ['rhif trosedd 4410/0912', '4410/0912'],
  ])('finds the force reference in "%s"', (text, reference) => {
    expect(extract(text)).toEqual([reference]);
  });

  it('lists several references once each, in the order they appear', () => {
    expect(extract('ref 55512, also SMD-2026-000009 and again ref 55512')).toEqual(['55512', 'SMD-2026-000009']);
  });

  it('does not take our own reference twice when it follows a keyword', () => {
    expect(extract('reference SMD-2026-000321')).toEqual(['SMD-2026-000321']);
  });

  it.each([
    'call me on 07700 900123',
    'it happened on 12/11/2024 at 3pm',
    'I want a crime number for the insurance',
    'my car reg is AB12 CDE',
    'the incident 10 minutes ago',
    'Reference: my neighbour',
  ])('finds nothing in "%s"', (text) => {
    expect(extract(text)).toEqual([]);
  });

  it('uses force patterns given in the rules', () => {
    const custom = createReferenceExtractor([{ name: 'occurrence', pattern: '\\bOCC\\d{7}\\b', flags: 'i', group: 0 }]);
    expect(custom.extract('occ1234567 and SMD 2026 5')).toEqual(['OCC1234567', 'SMD-2026-000005']);
  });
});
