import { useEffect, useState } from 'react';
import type { DeskDirectoryResponse, EscalationView } from '../../shared/api';
import { onEscalationUpdated } from './socket';
import { useTranslation } from 'react-i18next';

/**
 * Said across the top of the inbox for the teams the agent belongs to: a thread has just been
 * escalated to them. It stays until someone acknowledges it or the agent opens it.
 */
export function EscalationAlerts({ agentId, directory, onOpen }: { agentId: string; directory: DeskDirectoryResponse; onOpen: (threadId: string) => void }) {
  const [alerts, setAlerts] = useState<EscalationView[]>([]);
  const { t } = useTranslation();
  const myTeamIds = directory.agents.find((agent) => agent.id === agentId)?.teamIds ?? [];
  const myTeams = myTeamIds.join(',');

  useEffect(
    () =>
      onEscalationUpdated((escalation) => {
        const isForMe = myTeams.split(',').includes(escalation.team.id);
        setAlerts((current) => {
          const others = current.filter((alert) => alert.id !== escalation.id);
          return isForMe && escalation.status === 'raised' ? [...others, escalation] : others;
        });
      }),
    [myTeams],
  );

  if (alerts.length === 0) return null;
  return (
    <div className="escalation-alerts" role="alert" data-testid="escalation-alerts">
      {alerts.map((alert) => (
        <p key={alert.id} className={`escalation-alert escalation-alert-${alert.urgency}`}>
          <strong>{alert.team.name}:</strong> {t('escalation.alert', { reference: alert.threadReference, name: alert.raisedBy, reason: alert.isRedacted ? t('emergency.restricted') : alert.reason })}{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              onOpen(alert.threadId);
              setAlerts((current) => current.filter((other) => other.id !== alert.id));
            }}
          >
            {t('escalation.open')}
          </button>
        </p>
      ))}
    </div>
  );
}
