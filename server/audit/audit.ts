import type { Database, Transaction } from '../db/database';
import { auditEvents } from '../db/schema';

export interface AuditEntry {
  action: string;
  actorAgentId?: string | null;
  threadId?: string | null;
  /** Ids and outcomes only: never message text or personal data. */
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Database | Transaction, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    action: entry.action,
    actorAgentId: entry.actorAgentId ?? null,
    threadId: entry.threadId ?? null,
    details: entry.details ?? {},
  });
}
