import type { AgentView } from '../../../shared/api';
import { MonthlySummary } from './MonthlySummary';
import { ReportsPage } from './ReportsPage';

/** `/reports` and `/reports/summary`: loaded on its own, so the inbox never downloads the charts. */
export default function ReportsApp({ agent }: { agent: AgentView }) {
  if (agent.role === 'agent') {
    return (
      <p role="alert" className="page-status">
        Only supervisors and admins can see reports. <a href="/">Back to the inbox</a>
      </p>
    );
  }
  return window.location.pathname.startsWith('/reports/summary') ? <MonthlySummary /> : <ReportsPage agent={agent} />;
}
