import type { ReportResponse } from '../../../shared/reports';
import { ReportChart } from './ReportCharts';
import { ReportTableView } from './ReportTableView';
import { broadcastsTable, escalationOutcomesChart, escalationOutcomesTable, templateLabel } from './outcomeTables';
import { useReportWords } from './reportTables';

/** Escalations by team and outcome: definition, chart, table and CSV. */
export function EscalationOutcomesSection({ report, fileName = 'escalation-outcomes', withChart = true }: { report: ReportResponse; fileName?: string; withChart?: boolean }) {
  const words = useReportWords();
  const { t } = words;
  const chart = escalationOutcomesChart(report, words);
  return (
    <section className="report-section" aria-labelledby="escalation-outcomes-heading">
      <h2 id="escalation-outcomes-heading">{t('reports.outcomesHeading')}</h2>
      <p className="report-definition">{t('reports.definitions.escalationOutcomes')}</p>
      {withChart && <ReportChart label={t('reports.outcomesHeading')} data={chart.data} series={chart.series} />}
      <ReportTableView table={escalationOutcomesTable(report, words)} caption={t('reports.outcomesHeading')} fileName={fileName} />
    </section>
  );
}

/** Broadcasts published by template: definition, chart, table and CSV. */
export function BroadcastsSection({ report, fileName = 'broadcasts', withChart = true }: { report: ReportResponse; fileName?: string; withChart?: boolean }) {
  const words = useReportWords();
  const { t } = words;
  return (
    <section className="report-section" aria-labelledby="broadcasts-heading">
      <h2 id="broadcasts-heading">{t('reports.broadcastsHeading')}</h2>
      <p className="report-definition">{t('reports.definitions.broadcasts')}</p>
      {withChart && (
        <ReportChart
          label={t('reports.broadcastsHeading')}
          data={report.broadcasts.map((row) => ({ ...row, label: templateLabel(row.template, words) }))}
          series={[
            { key: 'facebookPosts', name: t('reports.facebookPosts') },
            { key: 'xPosts', name: t('reports.xPosts') },
            { key: 'published', name: t('reports.broadcastsPublished') },
          ]}
        />
      )}
      <ReportTableView table={broadcastsTable(report, words)} caption={t('reports.broadcastsHeading')} fileName={fileName} />
    </section>
  );
}
