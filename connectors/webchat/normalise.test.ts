import { describe, expect, it } from 'vitest';
import { inboundEventSchema, inboundJobId } from '../../shared/inbound';
import { reportRequestSchema } from '../../shared/public-contact';
import { normaliseChatMessage, normaliseReport, normaliseReportAddition } from './normalise';

const at = new Date('2026-11-25T10:00:00Z');

describe('normalising the public pages', () => {
  it('turns a chat message into a webchat event whose id is stable across resends', () => {
    const message = { clientId: '0b6f3f2e-5a0c-4e64-9a59-1f0e7c2b6d11', text: 'Hello' };
    const first = normaliseChatMessage('website', 'conv1', message, at);
    const resent = normaliseChatMessage('website', 'conv1', message, new Date());
    expect(inboundEventSchema.parse(first)).toMatchObject({ channel: 'webchat', platformConversationId: 'conv1', text: 'Hello' });
    expect(inboundJobId(resent)).toBe(inboundJobId(first));
  });

  it('lays a report out as one message an agent reads top to bottom', () => {
    const report = reportRequestSchema.parse({
      type: 'theft',
      whatHappened: 'Bike taken',
      when: 'Tuesday',
      where: 'Station',
      contactPreference: 'none',
    });
    const event = normaliseReport('website', 'conv2', report, at);
    expect(event.channel).toBe('report_form');
    expect(event.text.split('\n')).toEqual([
      'Online report: Theft',
      'What happened: Bike taken',
      'When: Tuesday',
      'Where: Station',
      'Suspect or vehicle: none given',
      'Contact: does not want to be contacted',
      'Language: English',
    ]);
  });

  it('adds to a report in the same conversation', () => {
    const addition = normaliseReportAddition('website', 'conv2', { clientId: 'c1', text: 'More' }, at);
    expect(addition).toMatchObject({ channel: 'report_form', platformConversationId: 'conv2', text: 'Added by the reporter: More' });
  });
});
