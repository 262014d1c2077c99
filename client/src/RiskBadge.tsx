import type { RiskLevel } from '../../shared/constants';
import { useTranslation } from 'react-i18next';

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`risk-badge risk-badge-${risk}`} data-risk={risk}>
      {risk === 'emergency' && <span aria-hidden="true">⚠ </span>}
      {t(`risk.${risk}`)}
    </span>
  );
}
