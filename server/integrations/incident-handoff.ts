import { UnrecoverableError, type Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import { DELIVERY_HEADER, EVENT_HEADER, incidentResponseSchema } from '../../shared/integrations';
import type { AgentView } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { channels, escalations, teams, threads } from '../db/schema';
import { announceEscalation, type EscalationAnnouncer } from '../escalations/announce-escalation';
import { HttpError } from '../http/errors';
import type { Logger } from '../logger';
import { canActForTeam } from '../teams/teams.service';
import { incidentJobId, type IntegrationJob, type IntegrationsQueue } from './integrations-queue';
import { PermanentDeliveryError, postSigned } from './send-signed';

// Command-and-control hand-off (issue 13): an escalation to the control room can ask the force's
// C&C system for an incident. The request is signed and retried; the number it answers with (or
// the one a controller types in) is kept on the escalation and pushed to the thread live.

export interface IncidentSettings {
  url: string;
  secret: string;
}

/** The command-and-control team's id (INCIDENT_TEAM), when it exists. */
export async function incidentTeamId(db: Database, teamName: string): Promise<string | null> {
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, teamName));
  return team?.id ?? null;
}

/** Marks the escalation "incident requested" and queues the request (once per escalation). */
export async function requestIncident(db: Database, queue: IntegrationsQueue, escalationId: string): Promise<void> {
  await db.update(escalations).set({ incidentStatus: 'requested', incidentError: null }).where(eq(escalations.id, escalationId));
  await queue.add('incident', { kind: 'incident', escalationId }, { jobId: incidentJobId(escalationId) });
}

/** The JSON body of the request (docs/integrations.md, "Command-and-control incident request"). */
export async function incidentPayload(db: Database, escalationId: string) {
  const [row] = await db
    .select({ escalation: escalations, thread: threads, channel: channels.type, team: { id: teams.id, name: teams.name } })
    .from(escalations)
    .innerJoin(threads, eq(threads.id, escalations.threadId))
    .innerJoin(channels, eq(channels.id, threads.channelId))
    .innerJoin(teams, eq(teams.id, escalations.teamId))
    .where(eq(escalations.id, escalationId));
  if (!row) return null;
  const { escalation, thread } = row;
  // A restricted thread's reason and category stay on the desk: the controller opens the thread if cleared.
  return {
    type: 'incident.create',
    version: 1,
    escalation: {
      id: escalation.id,
      urgency: escalation.urgency,
      reason: thread.restricted ? null : escalation.reason,
      raisedAt: escalation.raisedAt.toISOString(),
    },
    thread: {
      id: thread.id,
      reference: thread.reference,
      channel: row.channel,
      risk: thread.risk,
      category: thread.restricted ? null : thread.category,
      language: thread.language,
      restricted: thread.restricted,
    },
    team: row.team,
  };
}

export async function sendIncidentRequest(
  deps: EscalationAnnouncer & { logger: Logger; settings: IncidentSettings | null; timeoutMs: number },
  job: Job<IntegrationJob>,
  escalationId: string,
): Promise<void> {
  const { db, logger, settings } = deps;
  const [current] = await db.select({ status: escalations.incidentStatus }).from(escalations).where(eq(escalations.id, escalationId));
  if (!current || current.status === 'created') return; // a controller typed the number in meanwhile
  const payload = await incidentPayload(db, escalationId);
  if (!payload) return;
  try {
    if (!settings) throw new UnrecoverableError('the C&C integration is not configured');
    const response = await postSigned(settings.url, settings.secret, JSON.stringify(payload), { [EVENT_HEADER]: 'incident.create', [DELIVERY_HEADER]: escalationId }, deps.timeoutMs);
    const parsed = incidentResponseSchema.safeParse(safeJson(response.body));
    const incidentNumber = parsed.success ? (parsed.data.incidentNumber ?? null) : null;
    await db.update(escalations).set({ incidentStatus: 'created', incidentNumber, incidentError: null }).where(eq(escalations.id, escalationId));
    await recordAudit(db, { action: 'escalation.incident_created', threadId: payload.thread.id, details: { escalationId, incidentNumber } });
    logger.info({ jobId: job.id, escalationId, hasNumber: incidentNumber !== null }, 'C&C incident created');
  } catch (error) {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const isPermanent = error instanceof PermanentDeliveryError || error instanceof UnrecoverableError;
    const message = `The command-and-control system ${error instanceof Error ? error.message : 'failed'}`;
    await db
      .update(escalations)
      .set({ incidentStatus: isPermanent || isLastAttempt ? 'failed' : 'requested', incidentError: message })
      .where(eq(escalations.id, escalationId));
    logger.warn({ jobId: job.id, escalationId, isPermanent, err: error }, 'C&C incident request failed');
    await announceEscalation(deps, escalationId, 'escalation.updated');
    throw isPermanent && !(error instanceof UnrecoverableError) ? new UnrecoverableError(message) : error;
  }
  await announceEscalation(deps, escalationId, 'escalation.updated');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The controller types the number in: the system answered without one, or could not be reached. */
export async function setIncidentNumber(db: Database, actor: AgentView, escalationId: string, incidentNumber: string): Promise<string> {
  const [escalation] = await db.select().from(escalations).where(eq(escalations.id, escalationId));
  if (!escalation) throw new HttpError(404, 'escalation_not_found', 'No such escalation.');
  if (!(await canActForTeam(db, actor, escalation.teamId))) {
    throw new HttpError(403, 'forbidden', 'Only the team it was escalated to (or a supervisor) can record its incident number.');
  }
  await db.transaction(async (tx) => {
    await tx.update(escalations).set({ incidentStatus: 'created', incidentNumber, incidentError: null }).where(eq(escalations.id, escalationId));
    await recordAudit(tx, { action: 'escalation.incident_number_recorded', actorAgentId: actor.id, threadId: escalation.threadId, details: { escalationId, incidentNumber } });
  });
  return escalation.threadId;
}
