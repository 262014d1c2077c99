import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationView } from '../../../shared/api';
import { acknowledgeEscalation, resolveEscalation } from '../api';
import { useEscalationOptions } from './useEscalationOptions';

/** The open escalation's actions: acknowledge, then resolve with the kind of outcome (and the team's own words). */
export function OpenEscalation({ escalation, run }: { escalation: EscalationView; run: (action: () => Promise<unknown>) => Promise<void> }) {
  const options = useEscalationOptions();
  const [outcomeKind, setOutcomeKind] = useState('');
  const [outcome, setOutcome] = useState('');
  const { t } = useTranslation();
  const resolve = (then: 'hand_back' | 'close') => run(() => resolveEscalation(escalation.id, { outcomeKind, outcome: outcome.trim(), then }));
  return (
    <div className="escalation-open">
      {escalation.status === 'raised' && (
        <button type="button" className="button" data-testid="escalation-acknowledge" onClick={() => run(() => acknowledgeEscalation(escalation.id))}>
          {t('escalation.acknowledgeFor', { team: escalation.team.name })}
        </button>
      )}
      <label className="inline-select">
        <span>{t('escalation.outcome')}</span>
        <select value={outcomeKind} data-testid="escalation-outcome-kind" onChange={(event) => setOutcomeKind(event.target.value)} required>
          <option value="">{t('escalations.whatHappened')}</option>
          {options.outcomeKinds.map((kind) => (
            <option key={kind.key} value={kind.key}>
              {kind.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-select">
        <span>{t('escalations.note')}</span>
        <input type="text" value={outcome} data-testid="escalation-outcome" onChange={(event) => setOutcome(event.target.value)} />
      </label>
      <button type="button" className="button" disabled={!outcomeKind} data-testid="escalation-hand-back" onClick={() => resolve('hand_back')}>
        {t('escalation.handBack')}
      </button>
      <button type="button" className="button" disabled={!outcomeKind} onClick={() => resolve('close')}>
        {t('escalation.resolveAndClose')}
      </button>
    </div>
  );
}
