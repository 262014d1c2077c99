import type { EscalationView } from '../../shared/api';
import type { Database } from '../db/database';
import type { IntegrationEvents } from '../integrations/integration-events';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadEscalation } from './escalations.service';

export interface EscalationAnnouncer {
  db: Database;
  notifier: AgentNotifier;
  integrations: IntegrationEvents;
}

/** After an escalation changed and committed: agents see it live (restricted ones redacted), integrations hear of it. */
export async function announceEscalation(
  { db, notifier, integrations }: EscalationAnnouncer,
  escalationId: string,
  type: 'escalation.created' | 'escalation.updated',
): Promise<EscalationView | null> {
  const escalation = await loadEscalation(db, escalationId);
  if (!escalation) return null;
  notifier.escalationUpdated(escalation);
  integrations.escalationChanged(type, escalation);
  return escalation;
}
