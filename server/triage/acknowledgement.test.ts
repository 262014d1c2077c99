import { describe, expect, it } from 'vitest';
import { renderAcknowledgement } from './acknowledgement';

describe('automatic acknowledgement', () => {
  it('thanks the sender, gives the reference and the response promise, and says it is not for emergencies', () => {
    const text = renderAcknowledgement({ language: 'en', isEmergency: false, reference: 'SMD-2026-000042' });
    expect(text).toContain('Your reference number is SMD-2026-000042');
    expect(text).toContain('24 hours a day, 7 days a week');
    expect(text).toContain('reply within 24 hours');
    expect(text).toContain('call 999');
    expect(text).toContain('call 101');
    expect(text).toContain('emergencySMS');
    expect(text).toContain('18001 101');
    expect(text).toContain('18000');
  });

  it('puts the 999 advice first in the emergency version', () => {
    const text = renderAcknowledgement({ language: 'en', isEmergency: true, reference: 'SMD-2026-000042' });
    expect(text.startsWith('If you are in danger now, call 999.')).toBe(true);
    expect(text).toContain('SMD-2026-000042');
  });

  it('writes in Welsh for a Welsh message', () => {
    const standard = renderAcknowledgement({ language: 'cy', isEmergency: false, reference: 'SMD-2026-000042' });
    expect(standard).toContain('Eich cyfeirnod yw SMD-2026-000042');
    expect(standard).toContain('ffoniwch 101');
    const emergency = renderAcknowledgement({ language: 'cy', isEmergency: true, reference: 'SMD-2026-000042' });
    expect(emergency.startsWith('Os ydych chi mewn perygl nawr, ffoniwch 999.')).toBe(true);
  });

  it('uses an overriding template where given and the default elsewhere', () => {
    const templates = { en: { standard: 'Diolch/Thanks, ref {{ reference }} ({{reference}})' } };
    expect(renderAcknowledgement({ language: 'en', isEmergency: false, reference: 'SMD-1', templates })).toBe(
      'Diolch/Thanks, ref SMD-1 (SMD-1)',
    );
    expect(renderAcknowledgement({ language: 'en', isEmergency: true, reference: 'SMD-1', templates })).toContain(
      'call 999',
    );
  });
});
