import type { RiskLevel } from '../../shared/constants';

export type AutomaticReplyKind = 'standard' | 'emergency';

export interface AutomaticReplyHistory {
  lastAutoReplyAt: Date | null;
  lastAutoReplyWasEmergency: boolean;
}

/**
 * Which automatic reply, if any, a new inbound message earns: one per thread per period, except
 * that an emergency always gets the emergency version at once if the thread has not had it yet.
 */
export function chooseAutomaticReply(
  history: AutomaticReplyHistory,
  messageRisk: RiskLevel,
  now: Date,
  periodMs: number,
): AutomaticReplyKind | null {
  const isEmergency = messageRisk === 'emergency';
  const isPeriodOver = history.lastAutoReplyAt === null || now.getTime() - history.lastAutoReplyAt.getTime() >= periodMs;
  if (isPeriodOver) return isEmergency ? 'emergency' : 'standard';
  if (isEmergency && !history.lastAutoReplyWasEmergency) return 'emergency';
  return null;
}
