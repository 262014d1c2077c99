import { describe, expect, it } from 'vitest';
import { fillCannedText } from './canned-text';

const contact = (displayName: string | null) => ({ id: 'c1', displayName, handle: null });

describe('filling in a canned response', () => {
  it('puts in the reference number and the person’s name', () => {
    const text = fillCannedText('Diolch {{name}}. Eich cyfeirnod yw {{reference}}.', { reference: 'SMD-2026-000042', contact: contact('Gwen') });
    expect(text).toBe('Diolch Gwen. Eich cyfeirnod yw SMD-2026-000042.');
  });

  it('leaves the name out, not a placeholder, when the desk does not know it', () => {
    expect(fillCannedText('Hi {{name}}, thanks.', { reference: 'SMD-2026-000001', contact: contact(null) })).toBe('Hi, thanks.');
  });
});
