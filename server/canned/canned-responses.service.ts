import { asc, eq } from 'drizzle-orm';
import type { CannedResponseRequest, CannedResponseView } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import type { Database } from '../db/database';
import { cannedResponses } from '../db/schema';
import { HttpError } from '../http/errors';

type CannedRow = typeof cannedResponses.$inferSelect;

function presentCanned(row: CannedRow): CannedResponseView {
  return { id: row.id, shortcut: row.shortcut, language: row.language, title: row.title, body: row.body };
}

export async function listCannedResponses(db: Database): Promise<CannedResponseView[]> {
  const rows = await db.select().from(cannedResponses).orderBy(asc(cannedResponses.shortcut), asc(cannedResponses.language));
  return rows.map(presentCanned);
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}

const TAKEN = new HttpError(409, 'shortcut_taken', 'There is already a canned response with this shortcut in this language.');

export async function createCannedResponse(db: Database, actorId: string, request: CannedResponseRequest): Promise<CannedResponseView> {
  try {
    const [row] = await db.insert(cannedResponses).values({ ...request, updatedByAgentId: actorId }).returning();
    if (!row) throw new Error('Canned response insert returned no row');
    await recordAudit(db, { action: 'canned_response.created', actorAgentId: actorId, details: { cannedResponseId: row.id } });
    return presentCanned(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw TAKEN;
    throw error;
  }
}

export async function updateCannedResponse(db: Database, actorId: string, id: string, request: CannedResponseRequest): Promise<CannedResponseView> {
  try {
    const [row] = await db
      .update(cannedResponses)
      .set({ ...request, updatedByAgentId: actorId, updatedAt: new Date() })
      .where(eq(cannedResponses.id, id))
      .returning();
    if (!row) throw new HttpError(404, 'canned_response_not_found', 'No such canned response.');
    await recordAudit(db, { action: 'canned_response.updated', actorAgentId: actorId, details: { cannedResponseId: id } });
    return presentCanned(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw TAKEN;
    throw error;
  }
}

export async function deleteCannedResponse(db: Database, actorId: string, id: string): Promise<void> {
  const deleted = await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id });
  if (deleted.length === 0) throw new HttpError(404, 'canned_response_not_found', 'No such canned response.');
  await recordAudit(db, { action: 'canned_response.deleted', actorAgentId: actorId, details: { cannedResponseId: id } });
}
