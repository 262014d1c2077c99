import { useState, type FormEvent } from 'react';
import type { DeskDirectoryResponse, EscalationView } from '../../shared/api';
import { ESCALATION_URGENCIES, type EscalationUrgency } from '../../shared/constants';
import { errorText, listThreadEscalations, raiseEscalation } from './api';
import { EscalationIncident } from './escalations/EscalationIncident';
import { OpenEscalation } from './escalations/OpenEscalation';
import { outcomeKindLabel, useEscalationOptions } from './escalations/useEscalationOptions';
import { QUERY_KEYS } from './queries';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

const NO_ESCALATIONS: EscalationView[] = [];

/** A thread's escalations: the history, the open one's acknowledge/resolve, and raising a new one. */
export function Escalations({ threadId, directory }: { threadId: string; directory: DeskDirectoryResponse }) {
  const [actionError, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const options = useEscalationOptions();
  // Loaded through the cache; socket pushes land in it (useSocketUpdatesCache), reconnects refetch it.
  const loaded = useQuery({
    queryKey: QUERY_KEYS.escalations(threadId),
    queryFn: () => listThreadEscalations(threadId).then((response) => response.escalations),
  });
  const escalations = loaded.data ?? NO_ESCALATIONS;
  const error = actionError ?? (loaded.error ? errorText(loaded.error) : null);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  const open = escalations.find((escalation) => escalation.status !== 'resolved');
  return (
    <section className="escalations" aria-label={t('escalation.label')} data-testid="escalations">
      {escalations.length > 0 && (
        <ol className="escalation-history">
          {escalations.map((escalation) => (
            <li key={escalation.id} data-testid="escalation" data-status={escalation.status}>
              <strong>{escalation.team.name}</strong> · {t(`escalation.${escalation.urgency}`)} · {t(`escalation.${escalation.status}`)}
              <span className="escalation-detail"> — {t('escalation.detail', { reason: escalation.reason, name: escalation.raisedBy })}</span>
              {escalation.acknowledgedBy && <span className="escalation-detail"> · {t('escalation.acknowledgedBy', { name: escalation.acknowledgedBy })}</span>}
              {escalation.outcomeKind && (
                <span className="escalation-detail"> · {t('escalation.outcomeIs', { outcome: outcomeKindLabel(options, escalation.outcomeKind, t('escalations.notRecorded')) })}</span>
              )}
              {escalation.outcome && <span className="escalation-detail"> ({escalation.outcome})</span>}
              <EscalationIncident escalation={escalation} run={run} />
            </li>
          ))}
        </ol>
      )}
      {open ? (
        <OpenEscalation escalation={open} run={run} />
      ) : (
        <RaiseForm
          directory={directory}
          incidentTeamId={options.canRequestIncident ? options.incidentTeamId : null}
          onRaise={(teamId, reason, urgency, createIncident) => run(() => raiseEscalation(threadId, { teamId, reason, urgency, createIncident }))}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function RaiseForm({
  directory,
  incidentTeamId,
  onRaise,
}: {
  directory: DeskDirectoryResponse;
  incidentTeamId: string | null;
  onRaise: (teamId: string, reason: string, urgency: EscalationUrgency, createIncident: boolean) => Promise<void>;
}) {
  const [teamId, setTeamId] = useState('');
  const [createIncident, setCreateIncident] = useState(true);
  const canCreateIncident = teamId !== '' && teamId === incidentTeamId;
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<EscalationUrgency>('within_hour');
  const { t } = useTranslation();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (teamId && reason.trim()) void onRaise(teamId, reason.trim(), urgency, canCreateIncident && createIncident).then(() => setReason(''));
  }
  return (
    <details className="escalation-raise">
      <summary>{t('escalation.escalateToTeam')}</summary>
      <form onSubmit={submit} className="escalation-form">
        <label className="inline-select">
          <span>{t('escalation.team')}</span>
          <select value={teamId} data-testid="escalation-team" onChange={(event) => setTeamId(event.target.value)} required>
            <option value="">{t('escalation.chooseTeam')}</option>
            {directory.teams.map((team) => (
              <option key={team.id} value={team.id}>{team.name}</option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>{t('escalation.urgency')}</span>
          <select value={urgency} onChange={(event) => setUrgency(event.target.value as EscalationUrgency)}>
            {ESCALATION_URGENCIES.map((value) => (
              <option key={value} value={value}>{t(`escalation.${value}`)}</option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>{t('escalation.reason')}</span>
          <input type="text" value={reason} data-testid="escalation-reason" onChange={(event) => setReason(event.target.value)} required />
        </label>
        {canCreateIncident && (
          <label className="inline-select">
            <input type="checkbox" checked={createIncident} data-testid="escalation-create-incident" onChange={(event) => setCreateIncident(event.target.checked)} />
            <span>{t('escalation.createIncident')}</span>
          </label>
        )}
        <button type="submit" className="button" data-testid="escalation-submit">
          {t('escalation.escalate')}
        </button>
      </form>
    </details>
  );
}
