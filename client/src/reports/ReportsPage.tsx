import { useEffect, useState } from 'react';
import type { AgentView } from '../../../shared/api';
import { REPORT_BUCKETS, REPORT_DEFINITIONS, REPORT_DIMENSIONS, type ReportBucket, type ReportResponse } from '../../../shared/reports';
import { errorText, getReport } from '../api';
import { BroadcastsSection, EscalationOutcomesSection } from './OutcomeSections';
import { ReportChart } from './ReportCharts';
import { ReportTableView } from './ReportTableView';
import { agentsTable, breakdownTable, bucketLabel, DIMENSION_TITLES, escalationsTable, hasOutbound, keyLabel, responseTimesTable, seriesTable } from './reportTables';
import { defaultRange, monthRange, todayInLondon } from './reportDates';
import './reports.css';

const BUCKET_LABELS: Record<ReportBucket, string> = { month: 'Month', week: 'Week', day: 'Day', hour: 'Hour of day' };

type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; report: ReportResponse };

/** Reports for managers over any range; the URL holds the range, so a report can be shared. */
export function ReportsPage({ agent }: { agent: AgentView }) {
  const params = new URLSearchParams(window.location.search);
  const initial = defaultRange();
  const [from, setFrom] = useState(params.get('from') ?? initial.from);
  const [to, setTo] = useState(params.get('to') ?? initial.to);
  const [bucket, setBucket] = useState<ReportBucket>((params.get('bucket') as ReportBucket | null) ?? 'day');
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    window.history.replaceState(null, '', `/reports?${new URLSearchParams({ from, to, bucket })}`);
    let isCurrent = true;
    setLoad({ kind: 'loading' });
    getReport({ from, to, bucket }).then(
      (report) => isCurrent && setLoad({ kind: 'loaded', report }),
      (failure: unknown) => isCurrent && setLoad({ kind: 'failed', message: errorText(failure) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [from, to, bucket]);

  function chooseMonth(month: string) {
    const range = monthRange(month);
    setFrom(range.from);
    setTo(range.to);
  }

  return (
    <div className="reports">
      <header className="reports-header">
        <h1>Reports</h1>
        <p className="agent-name">{agent.name}</p>
        <a className="button button-on-dark" href="/">
          Back to the inbox
        </a>
      </header>
      <main className="reports-main">
        <form className="reports-range" onSubmit={(event) => event.preventDefault()} aria-label="Report period">
          <label>
            From <input type="date" value={from} max={to} onChange={(event) => event.target.value && setFrom(event.target.value)} />
          </label>
          <label>
            To <input type="date" value={to} min={from} onChange={(event) => event.target.value && setTo(event.target.value)} />
          </label>
          <label>
            Group by{' '}
            <select value={bucket} onChange={(event) => setBucket(event.target.value as ReportBucket)}>
              {REPORT_BUCKETS.map((option) => (
                <option key={option} value={option}>
                  {BUCKET_LABELS[option]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Whole month <input type="month" value={from.slice(0, 7)} max={todayInLondon().slice(0, 7)} onChange={(event) => event.target.value && chooseMonth(event.target.value)} />
          </label>
          <a className="button" href={`/reports/summary?month=${from.slice(0, 7)}`}>
            Printable summary of {from.slice(0, 7)}
          </a>
        </form>
        <p className="report-definition">Times are UK local time (Europe/London): days and hours as on the office clock, in summer and winter.</p>
        {load.kind === 'loading' && <p role="status">Loading the report…</p>}
        {load.kind === 'failed' && (
          <p role="alert" className="pane-error">
            {load.message}
          </p>
        )}
        {load.kind === 'loaded' && <ReportSections report={load.report} />}
      </main>
    </div>
  );
}

function ReportSections({ report }: { report: ReportResponse }) {
  const { bucket } = report.query;
  const seriesData = report.series.map((row) => ({ ...row, label: bucketLabel(row.bucket, bucket) }));
  const overall = report.responseTimes.filter((row) => row.key === null || row.key.startsWith('channel:'));
  return (
    <>
      <section className="report-section" aria-labelledby="volumes-heading">
        <h2 id="volumes-heading">Messages and new threads by {BUCKET_LABELS[bucket].toLowerCase()}</h2>
        <p className="report-definition">{REPORT_DEFINITIONS.inbound}</p>
        <p className="report-definition">{REPORT_DEFINITIONS.outbound}</p>
        <p className="report-definition">{REPORT_DEFINITIONS.newThreads}</p>
        <p className="report-figure">
          Restricted threads opened: <strong>{report.totals.restrictedThreads}</strong> (counted above, never listed)
        </p>
        <ReportChart
          label="Messages and new threads"
          data={seriesData}
          series={[
            { key: 'inbound', name: 'Inbound' },
            { key: 'outboundHuman', name: 'Outbound (people)', stack: 'out' },
            { key: 'outboundAuto', name: 'Outbound (automatic)', stack: 'out' },
            { key: 'newThreads', name: 'New threads', kind: 'line' },
          ]}
        />
        <ReportTableView table={seriesTable(report)} caption="Messages and new threads" fileName="volumes" />
      </section>

      {REPORT_DIMENSIONS.map((dimension) => (
        <section key={dimension} className="report-section" aria-labelledby={`${dimension}-heading`}>
          <h2 id={`${dimension}-heading`}>By {DIMENSION_TITLES[dimension].toLowerCase()}</h2>
          <p className="report-definition">{REPORT_DEFINITIONS.breakdowns}</p>
          <ReportChart
            label={`By ${dimension}`}
            data={report.breakdowns[dimension].map((row) => ({ ...row, label: keyLabel(dimension, row) }))}
            series={[
              { key: 'inbound', name: 'Inbound' },
              ...(hasOutbound(dimension) ? [{ key: 'outboundHuman', name: 'Outbound (people)' }] : []),
              { key: 'newThreads', name: 'New threads' },
            ]}
          />
          <ReportTableView table={breakdownTable(dimension, report.breakdowns[dimension])} caption={`By ${DIMENSION_TITLES[dimension].toLowerCase()}`} fileName={`by-${dimension}`} />
        </section>
      ))}

      <section className="report-section" aria-labelledby="response-heading">
        <h2 id="response-heading">First response, time to close and SLA</h2>
        <p className="report-definition">{REPORT_DEFINITIONS.firstResponse}</p>
        <p className="report-definition">{REPORT_DEFINITIONS.timeToClose}</p>
        <p className="report-definition">{REPORT_DEFINITIONS.sla}</p>
        <ReportChart
          label="First response in minutes"
          data={overall.map((row) => ({ ...row, label: row.key === null ? 'Whole desk' : keyLabel('channel', { key: row.key.slice(8), label: row.label }) }))}
          series={[
            { key: 'firstResponseMedianMinutes', name: 'First response median (min)' },
            { key: 'firstResponseP90Minutes', name: 'First response p90 (min)' },
          ]}
        />
        <ReportTableView table={responseTimesTable(report)} caption="First response, time to close and SLA" fileName="response-times" />
      </section>

      <section className="report-section" aria-labelledby="escalations-heading">
        <h2 id="escalations-heading">Escalations by team</h2>
        <p className="report-definition">{REPORT_DEFINITIONS.escalations}</p>
        <ReportChart
          label="Escalations by team"
          data={report.escalations.map((row) => ({ ...row, label: row.team }))}
          series={[
            { key: 'awaitingAcknowledgement', name: 'Awaiting acknowledgement', stack: 'state' },
            { key: 'acknowledged', name: 'Acknowledged', stack: 'state' },
            { key: 'resolved', name: 'Resolved', stack: 'state' },
          ]}
        />
        <ReportTableView table={escalationsTable(report)} caption="Escalations by team" fileName="escalations" />
      </section>

      <EscalationOutcomesSection report={report} />

      <section className="report-section" aria-labelledby="agents-heading">
        <h2 id="agents-heading">Workload by agent</h2>
        <p className="report-definition">{REPORT_DEFINITIONS.agents}</p>
        <ReportChart
          label="Workload by agent"
          data={report.agents.map((row) => ({ ...row, label: row.name }))}
          series={[
            { key: 'replies', name: 'Replies' },
            { key: 'threadsAssigned', name: 'Threads assigned' },
          ]}
        />
        <ReportTableView table={agentsTable(report)} caption="Workload by agent" fileName="agents" />
      </section>

      <BroadcastsSection report={report} />
    </>
  );
}
