import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationView } from '../../../shared/api';
import { recordIncidentNumber } from './escalationsApi';
import { useEscalationOptions } from './useEscalationOptions';

/**
 * The command-and-control incident of an escalation, updated live: asked for, its number once the
 * system answers, or why it failed. A controller can type the number in when there is none.
 */
export function EscalationIncident({ escalation, run }: { escalation: EscalationView; run: (action: () => Promise<unknown>) => Promise<void> }) {
  const [typed, setTyped] = useState('');
  const { incidentTeamId } = useEscalationOptions();
  const { t } = useTranslation();
  const { incident } = escalation;
  if (!incident && escalation.team.id !== incidentTeamId) return null;
  const canType = escalation.status !== 'resolved' || (incident !== null && incident.number === null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (typed.trim()) void run(() => recordIncidentNumber(escalation.id, typed.trim())).then(() => setTyped(''));
  }
  return (
    <div className="escalation-incident" data-testid="escalation-incident" data-status={incident?.status ?? 'none'}>
      {incident && (
        <p role="status">
          {t(`escalations.incident.${incident.status}`)}
          {incident.number && (
            <>
              : <strong data-testid="incident-number">{incident.number}</strong>
            </>
          )}
          {incident.status !== 'created' && incident.error && <span className="escalation-detail"> — {incident.error}</span>}
        </p>
      )}
      {canType && !incident?.number && (
        <form className="escalation-form" onSubmit={submit}>
          <label className="inline-select">
            <span>{t('escalations.incidentNumber')}</span>
            <input type="text" value={typed} data-testid="incident-number-input" onChange={(event) => setTyped(event.target.value)} />
          </label>
          <button type="submit" className="button" disabled={!typed.trim()}>
            {t('escalations.record')}
          </button>
        </form>
      )}
    </div>
  );
}
