import { aliasedTable, and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AgentView, EscalationView, escalationRequestSchema, escalationResolutionSchema } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { agents, escalations, teams, threads } from '../db/schema';

type EscalationRequest = z.output<typeof escalationRequestSchema>;
type EscalationResolution = z.output<typeof escalationResolutionSchema>;
import { HttpError } from '../http/errors';
import { canActForTeam, teamExists } from '../teams/teams.service';

const raisers = aliasedTable(agents, 'raiser');
const acknowledgers = aliasedTable(agents, 'acknowledger');
const resolvers = aliasedTable(agents, 'resolver');

/** `readable`: SQL true when the asking agent may read the thread (ThreadAccess.readableBy); else redacted. */
function escalationRows(db: Database, readable: SQL = sql`true`) {
  return db
    .select({
      escalation: escalations,
      isReadable: sql<boolean>`${readable}`,
      reference: threads.reference,
      team: { id: teams.id, name: teams.name },
      raisedBy: raisers.name,
      acknowledgedBy: acknowledgers.name,
      resolvedBy: resolvers.name,
    })
    .from(escalations)
    .innerJoin(threads, eq(threads.id, escalations.threadId))
    .innerJoin(teams, eq(teams.id, escalations.teamId))
    .innerJoin(raisers, eq(raisers.id, escalations.raisedByAgentId))
    .leftJoin(acknowledgers, eq(acknowledgers.id, escalations.acknowledgedByAgentId))
    .leftJoin(resolvers, eq(resolvers.id, escalations.resolvedByAgentId));
}

interface EscalationRow {
  escalation: typeof escalations.$inferSelect;
  isReadable: boolean;
  reference: string;
  team: { id: string; name: string };
  raisedBy: string;
  acknowledgedBy: string | null;
  resolvedBy: string | null;
}

/** The one place an escalation row becomes what agents see. */
function presentEscalation(row: EscalationRow): EscalationView {
  const { escalation } = row;
  const view: EscalationView = {
    id: escalation.id,
    threadId: escalation.threadId,
    threadReference: row.reference,
    team: row.team,
    reason: escalation.reason,
    urgency: escalation.urgency,
    status: escalation.status,
    raisedBy: row.raisedBy,
    raisedAt: escalation.raisedAt.toISOString(),
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: escalation.acknowledgedAt?.toISOString() ?? null,
    outcomeKind: escalation.outcomeKind,
    outcome: escalation.outcome,
    resolvedBy: row.resolvedBy,
    resolvedAt: escalation.resolvedAt?.toISOString() ?? null,
    incident: escalation.incidentStatus
      ? { status: escalation.incidentStatus, number: escalation.incidentNumber, error: escalation.incidentError }
      : null,
    isRedacted: false,
  };
  return row.isReadable ? view : redactEscalation(view);
}

/** For those not cleared to read a restricted thread: that it was escalated, to whom and how it stands; not why. */
export function redactEscalation(escalation: EscalationView): EscalationView {
  return { ...escalation, reason: '', outcome: null, isRedacted: true };
}

export async function loadEscalation(db: Database, escalationId: string, readable?: SQL): Promise<EscalationView | null> {
  const [row] = await escalationRows(db, readable).where(eq(escalations.id, escalationId));
  return row ? presentEscalation(row) : null;
}

/** The thread's whole escalation history, oldest first. */
export async function listThreadEscalations(db: Database, threadId: string): Promise<EscalationView[]> {
  const rows = await escalationRows(db).where(eq(escalations.threadId, threadId)).orderBy(asc(escalations.raisedAt));
  return rows.map(presentEscalation);
}

/** What a team still has to deal with: raised or acknowledged, oldest first. */
export async function listOpenEscalations(db: Database, readable: SQL, teamId?: string): Promise<EscalationView[]> {
  const rows = await escalationRows(db, readable)
    .where(and(ne(escalations.status, 'resolved'), teamId ? eq(escalations.teamId, teamId) : undefined))
    .orderBy(asc(escalations.raisedAt));
  return rows.map(presentEscalation);
}

/** Puts the thread in the team's hands, with why and how urgent; one open escalation at a time. */
export async function raiseEscalation(db: Database, actor: AgentView, threadId: string, request: EscalationRequest): Promise<string> {
  if (!(await teamExists(db, request.teamId))) throw new HttpError(400, 'invalid_request', 'teamId: no such team');
  return db.transaction(async (tx) => {
    const [thread] = await tx.select({ status: threads.status }).from(threads).where(eq(threads.id, threadId)).for('update');
    if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    const [open] = await tx
      .select({ id: escalations.id })
      .from(escalations)
      .where(and(eq(escalations.threadId, threadId), ne(escalations.status, 'resolved')));
    if (open) throw new HttpError(409, 'already_escalated', 'This thread already has an open escalation: resolve it first.');
    const [created] = await tx
      .insert(escalations)
      .values({ threadId, teamId: request.teamId, reason: request.reason, urgency: request.urgency, raisedByAgentId: actor.id })
      .returning({ id: escalations.id });
    if (!created) throw new Error('Escalation insert returned no row');
    await tx.update(threads).set({ status: 'escalated', teamId: request.teamId }).where(eq(threads.id, threadId));
    await recordAudit(tx, { action: 'escalation.raised', actorAgentId: actor.id, threadId, details: { escalationId: created.id, teamId: request.teamId, urgency: request.urgency, createIncident: request.createIncident } });
    return created.id;
  });
}

async function openEscalationFor(db: Database, actor: AgentView, escalationId: string) {
  const [escalation] = await db.select().from(escalations).where(eq(escalations.id, escalationId));
  if (!escalation) throw new HttpError(404, 'escalation_not_found', 'No such escalation.');
  if (!(await canActForTeam(db, actor, escalation.teamId))) {
    throw new HttpError(403, 'forbidden', 'Only the team it was escalated to (or a supervisor) can act on this escalation.');
  }
  if (escalation.status === 'resolved') throw new HttpError(409, 'escalation_resolved', 'This escalation is already resolved.');
  return escalation;
}

/** Someone in the team says "we have it". */
export async function acknowledgeEscalation(db: Database, actor: AgentView, escalationId: string): Promise<string> {
  const escalation = await openEscalationFor(db, actor, escalationId);
  if (escalation.status === 'acknowledged') return escalation.threadId;
  await db.transaction(async (tx) => {
    await tx
      .update(escalations)
      .set({ status: 'acknowledged', acknowledgedByAgentId: actor.id, acknowledgedAt: new Date() })
      .where(eq(escalations.id, escalationId));
    await recordAudit(tx, { action: 'escalation.acknowledged', actorAgentId: actor.id, threadId: escalation.threadId, details: { escalationId } });
  });
  return escalation.threadId;
}

/** The team records what it did (one of the configured kinds, and its own words), then hands the thread back to the desk (open) or closes it. */
export async function resolveEscalation(
  db: Database,
  actor: AgentView,
  escalationId: string,
  resolution: EscalationResolution,
  outcomeKinds: ReadonlyArray<{ key: string }>,
): Promise<string> {
  if (!outcomeKinds.some((kind) => kind.key === resolution.outcomeKind)) {
    throw new HttpError(400, 'invalid_request', `outcomeKind: one of ${outcomeKinds.map((kind) => kind.key).join(', ')}`);
  }
  const escalation = await openEscalationFor(db, actor, escalationId);
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(escalations)
      .set({
        status: 'resolved',
        outcomeKind: resolution.outcomeKind,
        outcome: resolution.outcome || null,
        resolvedByAgentId: actor.id,
        resolvedAt: now,
        acknowledgedByAgentId: escalation.acknowledgedByAgentId ?? actor.id,
        acknowledgedAt: escalation.acknowledgedAt ?? now,
      })
      .where(eq(escalations.id, escalationId));
    await tx
      .update(threads)
      .set({ status: resolution.then === 'close' ? 'closed' : 'open' })
      .where(eq(threads.id, escalation.threadId));
    await recordAudit(tx, { action: 'escalation.resolved', actorAgentId: actor.id, threadId: escalation.threadId, details: { escalationId, then: resolution.then, outcomeKind: resolution.outcomeKind } });
  });
  return escalation.threadId;
}
