import type { Language, RiskLevel } from '../../shared/constants';
import type { TriageResult } from './categories';

const RISK_RANK: Record<RiskLevel, number> = { routine: 0, priority: 1, emergency: 2 };

export function isHigherRisk(candidate: RiskLevel, than: RiskLevel): boolean {
  return RISK_RANK[candidate] > RISK_RANK[than];
}

export interface ThreadTriage {
  risk: RiskLevel;
  riskReasons: string[];
  isRiskOverridden: boolean;
  category: string | null;
  language: Language | null;
  restricted: boolean;
}

/**
 * A thread's triage after one more inbound message: its risk is the highest of its messages
 * (unless an agent set it by hand), its category follows the message that set that risk, its
 * language is the sender's first, and a sensitive message restricts it for good.
 */
export function withMessageTriage(thread: ThreadTriage, message: TriageResult): ThreadTriage {
  const isFirstMessage = thread.category === null;
  const raisesRisk = !thread.isRiskOverridden && isHigherRisk(message.risk, thread.risk);
  const leadsRisk = isFirstMessage || raisesRisk;
  return {
    risk: raisesRisk ? message.risk : thread.risk,
    riskReasons: leadsRisk && !thread.isRiskOverridden ? message.reasons : thread.riskReasons,
    isRiskOverridden: thread.isRiskOverridden,
    category: leadsRisk ? message.category : thread.category,
    language: thread.language ?? message.language,
    restricted: thread.restricted || message.isSensitive,
  };
}
