import { useState, type FormEvent } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { RISK_LEVELS, type RiskLevel, type TriageCategory } from '../../shared/constants';
import { errorText, overrideRisk } from './api';
import { CATEGORY_LABELS } from './threadLabels';
import { useTranslation } from 'react-i18next';

interface TriagePanelProps {
  thread: ThreadSummary;
  /** The agent asked (from the thread's menu) to disagree with the risk. */
  isEditingRisk: boolean;
  onDoneEditingRisk: () => void;
}

/** Why triage rated the thread as it did, and the agent's way to disagree (audited). */
export function TriagePanel({ thread, isEditingRisk, onDoneEditingRisk }: TriagePanelProps) {
  const { t } = useTranslation();
  // Triage may name a category the desk has no words for yet: show it as it came.
  const category = thread.category === null ? null : thread.category in CATEGORY_LABELS ? t(`category.${thread.category as TriageCategory}`) : thread.category;

  return (
    <div className="triage-panel" data-testid="triage-panel">
      <p className="triage-facts">
        {category && <span data-testid="thread-category">{category}</span>}
        {thread.language && <span>{t(`language.${thread.language}`)}</span>}
        {thread.restricted && <span className="restricted-badge">{t('triage.restricted')}</span>}
        {thread.linkedThread && <span>{t('triage.followsUp', { reference: thread.linkedThread.reference })}</span>}
        {thread.isRiskOverridden && <span>{t('triage.riskSetByAgent')}</span>}
      </p>
      {thread.riskReasons.length > 0 && (
        <ul className="risk-reasons" aria-label={t('triage.whyThisRisk')} data-testid="risk-reasons">
          {thread.riskReasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {isEditingRisk && <RiskOverrideForm thread={thread} onDone={onDoneEditingRisk} />}
    </div>
  );
}

function RiskOverrideForm({ thread, onDone }: { thread: ThreadSummary; onDone: () => void }) {
  const [risk, setRisk] = useState<RiskLevel>(thread.risk);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { t } = useTranslation();

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
        {t('triage.risk')}
        <select value={risk} onChange={(event) => setRisk(event.target.value as RiskLevel)}>
          {RISK_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`risk.${level}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('triage.reason')}
        <input value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={500} />
      </label>
      <button type="submit" className="button button-small" disabled={isSaving || reason.trim() === ''}>
        {t('triage.save')}
      </button>
      <button type="button" className="button button-small" onClick={onDone}>
        {t('triage.cancel')}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
