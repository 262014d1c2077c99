import { describe, expect, it } from 'vitest';
import type { TriageResult } from './categories';
import { withMessageTriage, type ThreadTriage } from './thread-triage';

const newThread: ThreadTriage = { risk: 'routine', riskReasons: [], isRiskOverridden: false, category: null, language: null, restricted: false };

function message(overrides: Partial<TriageResult>): TriageResult {
  return { risk: 'routine', category: 'advice', language: 'en', reasons: [], references: [], isSensitive: false, ...overrides };
}

describe('a thread’s triage', () => {
  it('takes the first message’s risk, category, language and reasons', () => {
    const thread = withMessageTriage(newThread, message({ risk: 'priority', category: 'crime-report', language: 'cy', reasons: ['theft'] }));
    expect(thread).toMatchObject({ risk: 'priority', category: 'crime-report', language: 'cy', riskReasons: ['theft'] });
  });

  it('rises to the highest risk of its messages and never falls', () => {
    const emergency = withMessageTriage(newThread, message({ risk: 'emergency', category: 'domestic-abuse', reasons: ['threat to life'] }));
    const afterUpdateRequest = withMessageTriage(emergency, message({ risk: 'routine', category: 'update-request' }));
    expect(afterUpdateRequest).toMatchObject({ risk: 'emergency', category: 'domestic-abuse', riskReasons: ['threat to life'] });
  });

  it('keeps a risk an agent set by hand', () => {
    const overridden = { ...newThread, category: 'advice', risk: 'routine' as const, isRiskOverridden: true };
    expect(withMessageTriage(overridden, message({ risk: 'emergency' })).risk).toBe('routine');
  });

  it('restricts the thread once a sensitive message arrives, and keeps it restricted', () => {
    const restricted = withMessageTriage(newThread, message({ category: 'sexual-offence', isSensitive: true }));
    expect(withMessageTriage(restricted, message({ category: 'advice' })).restricted).toBe(true);
  });
});
