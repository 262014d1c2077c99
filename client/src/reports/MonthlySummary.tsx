import { useEffect, useState } from 'react';
import { REPORT_DIMENSIONS, type ReportResponse } from '../../../shared/reports';
import { errorText, getReport } from '../api';
import { BroadcastsSection, EscalationOutcomesSection } from './OutcomeSections';
import { ReportTableView } from './ReportTableView';
import { agentsTable, breakdownTable, escalationsTable, monthName, responseTimesTable, useReportWords, type ReportWords } from './reportTables';
import { monthRange, todayInLondon } from './reportDates';
import './reports.css';

/** One month on paper: the headline figures with their definitions, then the tables. */
export function MonthlySummary() {
  const month = new URLSearchParams(window.location.search).get('month') ?? todayInLondon().slice(0, 7);
  const [report, setReport] = useState<ReportResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const words = useReportWords();
  const { t } = words;

  useEffect(() => {
    getReport({ ...monthRange(month), bucket: 'month' }).then(setReport, (error: unknown) => setFailure(errorText(error)));
  }, [month]);

  if (failure) return <p role="alert" className="pane-error">{failure}</p>;
  if (!report) return <p role="status">{t('reports.summary.loading')}</p>;
  const whole = report.responseTimes[0]!;
  const named = monthName(month, words);
  const notApplicable = t('reports.notApplicable');
  const headline: Array<[string, string | number, string]> = [
    [t('reports.summary.inbound'), report.totals.inbound, t('reports.definitions.inbound')],
    [t('reports.summary.repliesByPeople'), report.totals.outboundHuman, t('reports.definitions.outbound')],
    [t('reports.summary.automatic'), report.totals.outboundAuto, ''],
    [t('reports.summary.newThreads'), report.totals.newThreads, t('reports.definitions.newThreads')],
    [t('reports.summary.restricted'), report.totals.restrictedThreads, ''],
    [t('reports.summary.firstResponseMedian'), duration(whole.firstResponseMedianMinutes, 'minutes', words), t('reports.definitions.firstResponse')],
    [t('reports.summary.firstResponseP90'), duration(whole.firstResponseP90Minutes, 'minutes', words), ''],
    [t('reports.summary.closeMedian'), duration(whole.closeMedianHours, 'hours', words), t('reports.definitions.timeToClose')],
    [
      t('reports.summary.slaMet'),
      whole.slaMetPercent === null ? notApplicable : t('reports.summary.slaFigure', { percent: whole.slaMetPercent, met: whole.slaMet, counted: whole.slaTracked }),
      t('reports.definitions.sla'),
    ],
    [t('reports.summary.escalationsRaised'), report.escalations.reduce((sum, row) => sum + row.raised, 0), t('reports.definitions.escalations')],
    [t('reports.summary.broadcastsPublished'), report.broadcasts.reduce((sum, row) => sum + row.published, 0), t('reports.definitions.broadcasts')],
  ];
  return (
    <main className="reports-main monthly-summary">
      <div className="no-print summary-actions">
        <a className="button" href={`/reports?${new URLSearchParams({ ...monthRange(month), bucket: 'day' })}`}>
          {t('reports.summary.back')}
        </a>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t('reports.summary.print')}
        </button>
      </div>
      <h1>{t('reports.summary.title', { month: named })}</h1>
      <p className="report-definition">{t('reports.summary.printed', { date: todayInLondon() })}</p>
      <dl className="summary-figures" data-testid="summary-figures">
        {headline.map(([label, value, definition]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <strong>{value}</strong>
              {definition && <span className="report-definition">{definition}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {REPORT_DIMENSIONS.map((dimension) => (
        <section key={dimension} className="report-section">
          <h2>{t(`reports.by.${dimension}`)}</h2>
          <ReportTableView
            table={breakdownTable(dimension, report.breakdowns[dimension], words)}
            caption={t('reports.summary.byIn', { by: t(`reports.by.${dimension}`), month: named })}
            fileName={`${month}-by-${dimension}`}
          />
        </section>
      ))}
      <section className="report-section">
        <h2>{t('reports.responseHeading')}</h2>
        <ReportTableView table={responseTimesTable(report, words)} caption={t('reports.summary.responseTimesIn', { month: named })} fileName={`${month}-response-times`} />
      </section>
      <section className="report-section">
        <h2>{t('reports.escalationsHeading')}</h2>
        <p className="report-definition">{t('reports.definitions.escalations')}</p>
        <ReportTableView table={escalationsTable(report, words)} caption={t('reports.summary.escalationsIn', { month: named })} fileName={`${month}-escalations`} />
      </section>
      <EscalationOutcomesSection report={report} fileName={`${month}-escalation-outcomes`} withChart={false} />
      <section className="report-section">
        <h2>{t('reports.agentsHeading')}</h2>
        <p className="report-definition">{t('reports.definitions.agents')}</p>
        <ReportTableView table={agentsTable(report, words)} caption={t('reports.summary.workloadIn', { month: named })} fileName={`${month}-agents`} />
      </section>
      <BroadcastsSection report={report} fileName={`${month}-broadcasts`} withChart={false} />
    </main>
  );
}

function duration(value: number | null, unit: 'minutes' | 'hours', { t }: ReportWords): string {
  return value === null ? t('reports.notApplicable') : t(`reports.summary.${unit}`, { value });
}
