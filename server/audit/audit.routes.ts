import { Router } from 'express';
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { auditQuerySchema, type AuditEventView, type AuditListResponse, type AuditQuery } from '../../shared/audit';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { agents, auditEvents, threads } from '../db/schema';
import { parseRequest } from '../http/validation';
import { recordAudit } from './audit';

/** The audit trail, for supervisors and admins: searchable, and exportable as CSV (itself audited). */
export function createAuditRoutes(db: Database): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    response.json({ events: await searchAudit(db, parseRequest(auditQuerySchema, request.query)) } satisfies AuditListResponse);
  });

  router.get('/export.csv', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const query = parseRequest(auditQuerySchema, request.query);
    const events = await searchAudit(db, query);
    await recordAudit(db, { action: 'audit.exported', actorAgentId: agent.id, details: { rows: events.length } });
    response.type('text/csv').attachment('audit.csv').send(toCsv(events));
  });

  return router;
}

async function searchAudit(db: Database, query: AuditQuery): Promise<AuditEventView[]> {
  const conditions: SQL[] = [];
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.actorAgentId) conditions.push(eq(auditEvents.actorAgentId, query.actorAgentId));
  if (query.threadId) conditions.push(eq(auditEvents.threadId, query.threadId));
  if (query.from) conditions.push(gte(auditEvents.at, new Date(query.from)));
  if (query.to) conditions.push(lte(auditEvents.at, new Date(query.to)));
  const rows = await db
    .select({ event: auditEvents, actorName: agents.name, threadReference: threads.reference })
    .from(auditEvents)
    .leftJoin(agents, eq(agents.id, auditEvents.actorAgentId))
    .leftJoin(threads, eq(threads.id, auditEvents.threadId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(query.limit);
  return rows.map(({ event, actorName, threadReference }) => ({
    id: event.id,
    at: event.at.toISOString(),
    action: event.action,
    actor: event.actorAgentId ? { id: event.actorAgentId, name: actorName ?? 'Unknown agent' } : null,
    threadId: event.threadId,
    threadReference,
    details: event.details,
  }));
}

function toCsv(events: AuditEventView[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const header = ['at', 'action', 'actor', 'thread reference', 'details'];
  const lines = events.map((event) =>
    [event.at, event.action, event.actor?.name ?? '', event.threadReference ?? '', JSON.stringify(event.details)].map(quote).join(','),
  );
  return [header.map(quote).join(','), ...lines].join('\r\n') + '\r\n';
}
