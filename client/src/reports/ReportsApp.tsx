import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/api';
import { MonthlySummary } from './MonthlySummary';
import { ReportsPage } from './ReportsPage';

/** `/reports` and `/reports/summary`: loaded on its own, so the inbox never downloads the charts. */
export default function ReportsApp({ agent }: { agent: AgentView }) {
  const { t } = useTranslation();
  if (agent.role === 'agent') {
    return (
      <p role="alert" className="page-status">
        {t('reports.onlyManagers')} <a href="/">{t('pages.backToInbox')}</a>
      </p>
    );
  }
  return window.location.pathname.startsWith('/reports/summary') ? <MonthlySummary /> : <ReportsPage agent={agent} />;
}
