import type { RiskLevel } from '../../shared/constants';
import { RISK_LABELS } from './threadLabels';

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  return (
    <span className={`risk-badge risk-badge-${risk}`} data-risk={risk}>
      {risk === 'emergency' && <span aria-hidden="true">⚠ </span>}
      {RISK_LABELS[risk]}
    </span>
  );
}
