import { useEffect, useState } from 'react';
import { REPORT_DEFINITIONS, REPORT_DIMENSIONS, type ReportResponse } from '../../../shared/reports';
import { errorText, getReport } from '../api';
import { BroadcastsSection, EscalationOutcomesSection } from './OutcomeSections';
import { ReportTableView } from './ReportTableView';
import { agentsTable, breakdownTable, bucketLabel, DIMENSION_TITLES, escalationsTable, responseTimesTable } from './reportTables';
import { monthRange, todayInLondon } from './reportDates';
import './reports.css';

/** One month on paper: the headline figures with their definitions, then the tables. */
export function MonthlySummary() {
  const month = new URLSearchParams(window.location.search).get('month') ?? todayInLondon().slice(0, 7);
  const [report, setReport] = useState<ReportResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    getReport({ ...monthRange(month), bucket: 'month' }).then(setReport, (error: unknown) => setFailure(errorText(error)));
  }, [month]);

  if (failure) return <p role="alert" className="pane-error">{failure}</p>;
  if (!report) return <p role="status">Loading the summary…</p>;
  const whole = report.responseTimes[0]!;
  const title = `Social Desk: ${bucketLabel(month, 'month')}`;
  const headline: Array<[string, string | number, string]> = [
    ['Inbound messages', report.totals.inbound, REPORT_DEFINITIONS.inbound],
    ['Replies by people', report.totals.outboundHuman, REPORT_DEFINITIONS.outbound],
    ['Automatic acknowledgements', report.totals.outboundAuto, ''],
    ['New threads', report.totals.newThreads, REPORT_DEFINITIONS.newThreads],
    ['Restricted threads (counted, not listed)', report.totals.restrictedThreads, ''],
    ['First response, median', minutes(whole.firstResponseMedianMinutes), REPORT_DEFINITIONS.firstResponse],
    ['First response, 90th percentile', minutes(whole.firstResponseP90Minutes), ''],
    ['Time to close, median', hours(whole.closeMedianHours), REPORT_DEFINITIONS.timeToClose],
    ['SLA met', whole.slaMetPercent === null ? 'n/a' : `${whole.slaMetPercent}% (${whole.slaMet} of ${whole.slaTracked})`, REPORT_DEFINITIONS.sla],
    ['Escalations raised', report.escalations.reduce((sum, row) => sum + row.raised, 0), REPORT_DEFINITIONS.escalations],
    ['Broadcasts published', report.broadcasts.reduce((sum, row) => sum + row.published, 0), REPORT_DEFINITIONS.broadcasts],
  ];
  return (
    <main className="reports-main monthly-summary">
      <div className="no-print summary-actions">
        <a className="button" href={`/reports?${new URLSearchParams({ ...monthRange(month), bucket: 'day' })}`}>
          Back to reports
        </a>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h1>{title}</h1>
      <p className="report-definition">UK local time (Europe/London). Printed {todayInLondon()}.</p>
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
          <h2>By {DIMENSION_TITLES[dimension].toLowerCase()}</h2>
          <ReportTableView table={breakdownTable(dimension, report.breakdowns[dimension])} caption={`By ${DIMENSION_TITLES[dimension].toLowerCase()}, ${month}`} fileName={`${month}-by-${dimension}`} />
        </section>
      ))}
      <section className="report-section">
        <h2>First response, time to close and SLA</h2>
        <ReportTableView table={responseTimesTable(report)} caption={`Response times, ${month}`} fileName={`${month}-response-times`} />
      </section>
      <section className="report-section">
        <h2>Escalations by team</h2>
        <p className="report-definition">{REPORT_DEFINITIONS.escalations}</p>
        <ReportTableView table={escalationsTable(report)} caption={`Escalations, ${month}`} fileName={`${month}-escalations`} />
      </section>
      <EscalationOutcomesSection report={report} fileName={`${month}-escalation-outcomes`} withChart={false} />
      <section className="report-section">
        <h2>Workload by agent</h2>
        <p className="report-definition">{REPORT_DEFINITIONS.agents}</p>
        <ReportTableView table={agentsTable(report)} caption={`Workload, ${month}`} fileName={`${month}-agents`} />
      </section>
      <BroadcastsSection report={report} fileName={`${month}-broadcasts`} withChart={false} />
    </main>
  );
}

function minutes(value: number | null): string {
  return value === null ? 'n/a' : `${value} min`;
}

function hours(value: number | null): string {
  return value === null ? 'n/a' : `${value} h`;
}
