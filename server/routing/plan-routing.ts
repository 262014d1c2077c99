import type { Language, RiskLevel, RoutingMode } from '../../shared/constants';

export interface WaitingThread {
  id: string;
  /** The team whose agents may get it (a thread with no team: the default routing team). */
  teamId: string;
  risk: RiskLevel;
  language: Language | null;
  createdAt: Date;
}

/** An available agent (on shift, not away) in one or more routed teams. */
export interface RoutingCandidate {
  agentId: string;
  /** Team id → when routing last gave them one of its threads (null: never). */
  lastRoutedAt: Map<string, Date | null>;
  openThreads: number;
  threadLimit: number;
  languages: readonly Language[];
}

export interface PlannedAssignment {
  threadId: string;
  agentId: string;
  teamId: string;
  /** Stored as the agent's turn in the team (round-robin order). */
  routedAt: Date;
}

const RISK_ORDER: Record<RiskLevel, number> = { emergency: 0, priority: 1, routine: 2 };

/**
 * Decides who gets which waiting thread: highest risk first, then oldest. A thread goes only to
 * an agent of its team, below their limit, who reads its language. `push` picks the one with
 * the fewest open threads (ties: whoever waited longest for one); `round_robin` takes the team's
 * agents in turn. A thread nobody fits waits; the next may still fit someone.
 */
export function planRouting(
  waiting: readonly WaitingThread[],
  candidates: readonly RoutingCandidate[],
  modeByTeam: ReadonlyMap<string, RoutingMode>,
  now = new Date(),
): PlannedAssignment[] {
  const agents = candidates.map((candidate) => ({ ...candidate, lastRoutedAt: new Map(candidate.lastRoutedAt) }));
  const ordered = [...waiting].sort((a, b) => RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || a.createdAt.getTime() - b.createdAt.getTime());
  const planned: PlannedAssignment[] = [];
  let tick = 0;
  for (const thread of ordered) {
    const mode = modeByTeam.get(thread.teamId) ?? 'off';
    if (mode === 'off') continue;
    const eligible = agents.filter(
      (agent) =>
        agent.lastRoutedAt.has(thread.teamId) &&
        agent.openThreads < agent.threadLimit &&
        (thread.language === null || agent.languages.includes(thread.language)),
    );
    const lastRouted = (agent: (typeof agents)[number]) => agent.lastRoutedAt.get(thread.teamId)?.getTime() ?? -Infinity;
    eligible.sort(
      (a, b) =>
        (mode === 'push' ? a.openThreads - b.openThreads : 0) || lastRouted(a) - lastRouted(b) || a.agentId.localeCompare(b.agentId),
    );
    const chosen = eligible[0];
    if (!chosen) continue;
    chosen.openThreads += 1;
    // Later in this pass than anything before it, so the turn moves on even within one pass.
    const routedAt = new Date(now.getTime() + tick++);
    chosen.lastRoutedAt.set(thread.teamId, routedAt);
    planned.push({ threadId: thread.id, agentId: chosen.agentId, teamId: thread.teamId, routedAt });
  }
  return planned;
}
