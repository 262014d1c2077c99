import { REPORT_DEFINITIONS, type ReportResponse } from '../../../shared/reports';
import { ReportChart } from './ReportCharts';
import { ReportTableView } from './ReportTableView';
import { broadcastsTable, escalationOutcomesChart, escalationOutcomesTable, templateLabel } from './outcomeTables';

/** Escalations by team and outcome: definition, chart, table and CSV. */
export function EscalationOutcomesSection({ report, fileName = 'escalation-outcomes', withChart = true }: { report: ReportResponse; fileName?: string; withChart?: boolean }) {
  const chart = escalationOutcomesChart(report);
  return (
    <section className="report-section" aria-labelledby="escalation-outcomes-heading">
      <h2 id="escalation-outcomes-heading">Escalations by team and outcome</h2>
      <p className="report-definition">{REPORT_DEFINITIONS.escalationOutcomes}</p>
      {withChart && <ReportChart label="Escalations by team and outcome" data={chart.data} series={chart.series} />}
      <ReportTableView table={escalationOutcomesTable(report)} caption="Escalations by team and outcome" fileName={fileName} />
    </section>
  );
}

/** Broadcasts published by template: definition, chart, table and CSV. */
export function BroadcastsSection({ report, fileName = 'broadcasts', withChart = true }: { report: ReportResponse; fileName?: string; withChart?: boolean }) {
  return (
    <section className="report-section" aria-labelledby="broadcasts-heading">
      <h2 id="broadcasts-heading">Broadcasts published by template</h2>
      <p className="report-definition">{REPORT_DEFINITIONS.broadcasts}</p>
      {withChart && (
        <ReportChart
          label="Broadcasts published by template"
          data={report.broadcasts.map((row) => ({ ...row, label: templateLabel(row.template) }))}
          series={[
            { key: 'facebookPosts', name: 'Facebook posts' },
            { key: 'xPosts', name: 'X posts' },
            { key: 'published', name: 'Broadcasts published' },
          ]}
        />
      )}
      <ReportTableView table={broadcastsTable(report)} caption="Broadcasts published by template" fileName={fileName} />
    </section>
  );
}
