import { useState, type FormEvent } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { RISK_LEVELS, type RiskLevel } from '../../shared/constants';
import { errorText, overrideRisk } from './api';
import { categoryLabel, LANGUAGE_LABELS, RISK_LABELS } from './threadLabels';

/** Why triage rated the thread as it did, and the agent's way to disagree (audited). */
export function TriagePanel({ thread }: { thread: ThreadSummary }) {
  const [isEditing, setIsEditing] = useState(false);
  const category = categoryLabel(thread.category);

  return (
    <div className="triage-panel" data-testid="triage-panel">
      <p className="triage-facts">
        {category && <span data-testid="thread-category">{category}</span>}
        {thread.language && <span>{LANGUAGE_LABELS[thread.language]}</span>}
        {thread.restricted && <span className="restricted-badge">Restricted</span>}
        {thread.linkedThread && <span>Follows up {thread.linkedThread.reference}</span>}
        {thread.isRiskOverridden && <span>Risk set by an agent</span>}
      </p>
      {thread.riskReasons.length > 0 && (
        <ul className="risk-reasons" aria-label="Why this risk" data-testid="risk-reasons">
          {thread.riskReasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {isEditing ? (
        <RiskOverrideForm thread={thread} onDone={() => setIsEditing(false)} />
      ) : (
        <button type="button" className="button button-small" onClick={() => setIsEditing(true)}>
          Change risk
        </button>
      )}
    </div>
  );
}

function RiskOverrideForm({ thread, onDone }: { thread: ThreadSummary; onDone: () => void }) {
  const [risk, setRisk] = useState<RiskLevel>(thread.risk);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      await overrideRisk(thread.id, { risk, reason });
      onDone(); // the thread update arrives over the socket
    } catch (caught) {
      setError(errorText(caught));
      setIsSaving(false);
    }
  }

  return (
    <form className="risk-override" onSubmit={handleSubmit}>
      <label>
        Risk
        <select value={risk} onChange={(event) => setRisk(event.target.value as RiskLevel)}>
          {RISK_LEVELS.map((level) => (
            <option key={level} value={level}>
              {RISK_LABELS[level]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason
        <input value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={500} />
      </label>
      <button type="submit" className="button button-small" disabled={isSaving || reason.trim() === ''}>
        Save
      </button>
      <button type="button" className="button button-small" onClick={onDone}>
        Cancel
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
