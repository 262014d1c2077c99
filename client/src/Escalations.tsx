import { useEffect, useState, type FormEvent } from 'react';
import type { DeskDirectoryResponse, EscalationView } from '../../shared/api';
import { ESCALATION_URGENCIES, type EscalationUrgency } from '../../shared/constants';
import { errorText, listThreadEscalations, raiseEscalation } from './api';
import { EscalationIncident } from './escalations/EscalationIncident';
import { OpenEscalation } from './escalations/OpenEscalation';
import { outcomeKindLabel, useEscalationOptions } from './escalations/useEscalationOptions';
import { onConnected, onEscalationUpdated } from './socket';

const URGENCY_LABELS: Record<EscalationUrgency, string> = {
  immediate: 'Immediate',
  within_hour: 'Within the hour',
  routine: 'Routine',
};

/** A thread's escalations: the history, the open one's acknowledge/resolve, and raising a new one. */
export function Escalations({ threadId, directory }: { threadId: string; directory: DeskDirectoryResponse }) {
  const [escalations, setEscalations] = useState<EscalationView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const options = useEscalationOptions();

  useEffect(() => {
    const load = () =>
      listThreadEscalations(threadId).then(
        (response) => setEscalations(response.escalations),
        (failure: unknown) => setError(errorText(failure)),
      );
    void load();
    const stops = [
      onConnected(() => void load()),
      onEscalationUpdated((escalation) => {
        if (escalation.threadId !== threadId) return;
        setEscalations((shown) => [...shown.filter((e) => e.id !== escalation.id), escalation].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt)));
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [threadId]);

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
    <section className="escalations" aria-label="Escalations" data-testid="escalations">
      {escalations.length > 0 && (
        <ol className="escalation-history">
          {escalations.map((escalation) => (
            <li key={escalation.id} data-testid="escalation" data-status={escalation.status}>
              <strong>{escalation.team.name}</strong> · {URGENCY_LABELS[escalation.urgency]} · {escalation.status}
              <span className="escalation-detail"> — {escalation.reason} (by {escalation.raisedBy})</span>
              {escalation.acknowledgedBy && <span className="escalation-detail"> · acknowledged by {escalation.acknowledgedBy}</span>}
              {escalation.outcomeKind && <span className="escalation-detail"> · outcome: {outcomeKindLabel(options, escalation.outcomeKind)}</span>}
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
  function submit(event: FormEvent) {
    event.preventDefault();
    if (teamId && reason.trim()) void onRaise(teamId, reason.trim(), urgency, canCreateIncident && createIncident).then(() => setReason(''));
  }
  return (
    <details className="escalation-raise">
      <summary>Escalate to a team</summary>
      <form onSubmit={submit} className="escalation-form">
        <label className="inline-select">
          <span>Team</span>
          <select value={teamId} data-testid="escalation-team" onChange={(event) => setTeamId(event.target.value)} required>
            <option value="">Choose a team</option>
            {directory.teams.map((team) => (
              <option key={team.id} value={team.id}>{team.name}</option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>Urgency</span>
          <select value={urgency} onChange={(event) => setUrgency(event.target.value as EscalationUrgency)}>
            {ESCALATION_URGENCIES.map((value) => (
              <option key={value} value={value}>{URGENCY_LABELS[value]}</option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>Reason</span>
          <input type="text" value={reason} data-testid="escalation-reason" onChange={(event) => setReason(event.target.value)} required />
        </label>
        {canCreateIncident && (
          <label className="inline-select">
            <input type="checkbox" checked={createIncident} data-testid="escalation-create-incident" onChange={(event) => setCreateIncident(event.target.checked)} />
            <span>Create an incident in command and control</span>
          </label>
        )}
        <button type="submit" className="button" data-testid="escalation-submit">
          Escalate
        </button>
      </form>
    </details>
  );
}
