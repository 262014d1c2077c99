import { and, count, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { RoutingMode } from '../../shared/constants';
import { recordAudit } from '../audit/audit';
import type { Database, Transaction } from '../db/database';
import { agents, agentTeams, teams, threads } from '../db/schema';
import { riskRankExpression } from '../db/search.schema';
import { planRouting, type PlannedAssignment, type RoutingCandidate } from './plan-routing';

/** Statuses of a thread someone is (or should be) working on: they count against the limit. */
const OPEN_STATUSES = ['new', 'open'] as const;
const WAITING_LIMIT = 500;

/**
 * One routing pass at a time across every web and worker process: a transaction-scoped advisory
 * lock. Two passes could otherwise read the same loads and both give an agent their last free slot.
 */
const ROUTING_LOCK_KEY = 13_000_007;

async function takeRoutingLock(tx: Transaction): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ROUTING_LOCK_KEY})`);
}

/**
 * Gives waiting threads of routed teams to available agents (see planRouting). The update only
 * touches a thread still unassigned, so an agent taking it by hand meanwhile wins. Returns what
 * was routed, for the caller to announce after the commit.
 */
export async function routeWaitingThreads(db: Database, availableAgentIds: readonly string[], defaultTeamName: string | null): Promise<PlannedAssignment[]> {
  // Routing is off for every team by default: then a new thread costs ingest one small read, no lock.
  if (availableAgentIds.length === 0 || !(await isAnyTeamRouted(db))) return [];
  return db.transaction(async (tx) => {
    await takeRoutingLock(tx);
    const routedTeams = await tx.select({ id: teams.id, name: teams.name, routingMode: teams.routingMode }).from(teams).where(ne(teams.routingMode, 'off'));
    if (routedTeams.length === 0 || availableAgentIds.length === 0) return [];
    const teamIds = routedTeams.map((team) => team.id);
    const defaultTeam = routedTeams.find((team) => team.name === defaultTeamName) ?? null;

    const waiting = await tx
      .select({ id: threads.id, teamId: threads.teamId, risk: threads.risk, language: threads.language, createdAt: threads.createdAt })
      .from(threads)
      .where(
        and(
          isNull(threads.assigneeId),
          inArray(threads.status, [...OPEN_STATUSES]),
          isNull(threads.mergedIntoId),
          // A restricted thread with no team is never handed to the default team: that would open it to all its members.
          defaultTeam ? or(inArray(threads.teamId, teamIds), and(isNull(threads.teamId), eq(threads.restricted, false))) : inArray(threads.teamId, teamIds),
        ),
      )
      .orderBy(riskRankExpression, threads.createdAt)
      .limit(WAITING_LIMIT);
    if (waiting.length === 0) return [];

    const candidates = await loadCandidates(tx, availableAgentIds, teamIds);
    const plan = planRouting(
      waiting.map((thread) => ({ ...thread, teamId: thread.teamId ?? defaultTeam!.id })),
      candidates,
      new Map(routedTeams.map((team) => [team.id, team.routingMode as RoutingMode])),
    );
    const routed: PlannedAssignment[] = [];
    for (const assignment of plan) {
      const [updated] = await tx
        .update(threads)
        .set({ assigneeId: assignment.agentId, teamId: assignment.teamId })
        .where(and(eq(threads.id, assignment.threadId), isNull(threads.assigneeId)))
        .returning({ id: threads.id });
      if (!updated) continue;
      await tx
        .update(agentTeams)
        .set({ lastRoutedAt: assignment.routedAt })
        .where(and(eq(agentTeams.agentId, assignment.agentId), eq(agentTeams.teamId, assignment.teamId)));
      await recordAudit(tx, { action: 'thread.routed', threadId: assignment.threadId, details: { assigneeId: assignment.agentId, teamId: assignment.teamId } });
      routed.push(assignment);
    }
    return routed;
  });
}

/**
 * An agent who steps away must not leave the public waiting on them: their threads of routed
 * teams still waiting for a first answer go back to the queue, to be routed again.
 */
export async function returnUnansweredToQueue(db: Database, agentId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    await takeRoutingLock(tx);
    const released = await tx
      .update(threads)
      .set({ assigneeId: null })
      .where(
        and(
          eq(threads.assigneeId, agentId),
          inArray(threads.status, [...OPEN_STATUSES]),
          isNull(threads.firstResponseAt),
          inArray(threads.teamId, tx.select({ id: teams.id }).from(teams).where(ne(teams.routingMode, 'off'))),
        ),
      )
      .returning({ id: threads.id });
    for (const { id } of released) await recordAudit(tx, { action: 'thread.released_on_away', actorAgentId: agentId, threadId: id });
    return released.map((thread) => thread.id);
  });
}

async function isAnyTeamRouted(db: Database): Promise<boolean> {
  const [routed] = await db.select({ id: teams.id }).from(teams).where(ne(teams.routingMode, 'off')).limit(1);
  return routed !== undefined;
}

async function loadCandidates(tx: Transaction, agentIds: readonly string[], teamIds: string[]): Promise<RoutingCandidate[]> {
  const memberships = await tx
    .select({
      agentId: agentTeams.agentId,
      teamId: agentTeams.teamId,
      lastRoutedAt: agentTeams.lastRoutedAt,
      threadLimit: agents.threadLimit,
      languages: agents.languages,
    })
    .from(agentTeams)
    .innerJoin(agents, eq(agents.id, agentTeams.agentId))
    .where(and(eq(agents.active, true), inArray(agentTeams.agentId, [...agentIds]), inArray(agentTeams.teamId, teamIds)));
  if (memberships.length === 0) return [];
  const loads = await openThreadCounts(tx, [...new Set(memberships.map((membership) => membership.agentId))]);
  const byAgent = new Map<string, RoutingCandidate>();
  for (const membership of memberships) {
    const candidate = byAgent.get(membership.agentId) ?? {
      agentId: membership.agentId,
      lastRoutedAt: new Map<string, Date | null>(),
      openThreads: loads.get(membership.agentId) ?? 0,
      threadLimit: membership.threadLimit,
      languages: membership.languages,
    };
    candidate.lastRoutedAt.set(membership.teamId, membership.lastRoutedAt);
    byAgent.set(membership.agentId, candidate);
  }
  return [...byAgent.values()];
}

/** Each agent's open threads (new or open, assigned to them): what counts against their limit. */
export async function openThreadCounts(db: Database | Transaction, agentIds: string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await db
    .select({ agentId: threads.assigneeId, open: count() })
    .from(threads)
    .where(and(inArray(threads.assigneeId, agentIds), inArray(threads.status, [...OPEN_STATUSES])))
    .groupBy(threads.assigneeId);
  return new Map(rows.map((row) => [row.agentId!, Number(row.open)]));
}
