import { describe, expect, it } from 'vitest';
import { renderTemplate } from './broadcasts';

describe('broadcast templates', () => {
  const fields = { road: 'A470', junction: 'Coryton', diversion: 'via the M4 J32' };

  it('fills a road closure in English, with its diversion', () => {
    expect(renderTemplate('road_closure', 'en', fields)).toBe(
      'ROAD CLOSED: A470 is closed at Coryton. Diversion: via the M4 J32. Please avoid the area and allow extra time.',
    );
  });

  it('leaves no gap where an optional field is empty', () => {
    expect(renderTemplate('road_closure', 'en', { ...fields, diversion: '' })).toBe(
      'ROAD CLOSED: A470 is closed at Coryton. Please avoid the area and allow extra time.',
    );
  });

  it('writes a bilingual post as English, then Welsh', () => {
    const [english, welsh] = renderTemplate('road_closure', 'bilingual', fields).split('\n\n');
    expect(english).toMatch(/^ROAD CLOSED: A470/);
    expect(welsh).toMatch(/^FFORDD AR GAU: Mae A470 ar gau wrth Coryton/);
  });
});
