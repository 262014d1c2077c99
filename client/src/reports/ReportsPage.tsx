import { useEffect, useState } from 'react';
import type { AgentView } from '../../../shared/api';
import { REPORT_BUCKETS, REPORT_DIMENSIONS, type ReportBucket, type ReportResponse } from '../../../shared/reports';
import { errorText, getReport } from '../api';
import { BroadcastsSection, EscalationOutcomesSection } from './OutcomeSections';
import { ReportChart } from './ReportCharts';
import { ReportTableView } from './ReportTableView';
import { agentsTable, breakdownTable, bucketLabel, escalationsTable, hasOutbound, keyLabel, monthName, responseTimesTable, seriesTable, useReportWords } from './reportTables';
import { defaultRange, monthRange, todayInLondon } from './reportDates';
import './reports.css';

type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; report: ReportResponse };

/** Reports for managers over any range; the URL holds the range, so a report can be shared. */
export function ReportsPage({ agent }: { agent: AgentView }) {
  const params = new URLSearchParams(window.location.search);
  const initial = defaultRange();
  const [from, setFrom] = useState(params.get('from') ?? initial.from);
  const [to, setTo] = useState(params.get('to') ?? initial.to);
  const [bucket, setBucket] = useState<ReportBucket>((params.get('bucket') as ReportBucket | null) ?? 'day');
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const words = useReportWords();
  const { t } = words;

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
        <h1>{t('reports.title')}</h1>
        <p className="agent-name">{agent.name}</p>
        <a className="button button-on-dark" href="/">
          {t('pages.backToInbox')}
        </a>
      </header>
      <main className="reports-main">
        <form className="reports-range" onSubmit={(event) => event.preventDefault()} aria-label={t('reports.period')}>
          <label>
            {t('reports.from')} <input type="date" value={from} max={to} onChange={(event) => event.target.value && setFrom(event.target.value)} />
          </label>
          <label>
            {t('reports.to')} <input type="date" value={to} min={from} onChange={(event) => event.target.value && setTo(event.target.value)} />
          </label>
          <label>
            {t('reports.groupBy')}{' '}
            <select value={bucket} onChange={(event) => setBucket(event.target.value as ReportBucket)}>
              {REPORT_BUCKETS.map((option) => (
                <option key={option} value={option}>
                  {t(`reports.bucket.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('reports.wholeMonth')} <input type="month" value={from.slice(0, 7)} max={todayInLondon().slice(0, 7)} onChange={(event) => event.target.value && chooseMonth(event.target.value)} />
          </label>
          <a className="button" href={`/reports/summary?month=${from.slice(0, 7)}`}>
            {t('reports.printable', { month: monthName(from.slice(0, 7), words) })}
          </a>
        </form>
        <p className="report-definition">{t('reports.ukTime')}</p>
        {load.kind === 'loading' && <p role="status">{t('reports.loading')}</p>}
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
  const words = useReportWords();
  const { t } = words;
  const { bucket } = report.query;
  const seriesData = report.series.map((row) => ({ ...row, label: bucketLabel(row.bucket, bucket, words) }));
  const overall = report.responseTimes.filter((row) => row.key === null || row.key.startsWith('channel:'));
  return (
    <>
      <section className="report-section" aria-labelledby="volumes-heading">
        <h2 id="volumes-heading">{t(`reports.volumesBy.${bucket}`)}</h2>
        <p className="report-definition">{t('reports.definitions.inbound')}</p>
        <p className="report-definition">{t('reports.definitions.outbound')}</p>
        <p className="report-definition">{t('reports.definitions.newThreads')}</p>
        <p className="report-figure">
          {t('reports.restrictedOpened')} <strong>{report.totals.restrictedThreads}</strong> {t('reports.restrictedNote')}
        </p>
        <ReportChart
          label={t('reports.volumes')}
          data={seriesData}
          series={[
            { key: 'inbound', name: t('reports.inbound') },
            { key: 'outboundHuman', name: t('reports.outboundHuman'), stack: 'out' },
            { key: 'outboundAuto', name: t('reports.outboundAuto'), stack: 'out' },
            { key: 'newThreads', name: t('reports.newThreads'), kind: 'line' },
          ]}
        />
        <ReportTableView table={seriesTable(report, words)} caption={t('reports.volumes')} fileName="volumes" />
      </section>

      {REPORT_DIMENSIONS.map((dimension) => (
        <section key={dimension} className="report-section" aria-labelledby={`${dimension}-heading`}>
          <h2 id={`${dimension}-heading`}>{t(`reports.by.${dimension}`)}</h2>
          <p className="report-definition">{t('reports.definitions.breakdowns')}</p>
          <ReportChart
            label={t(`reports.by.${dimension}`)}
            data={report.breakdowns[dimension].map((row) => ({ ...row, label: keyLabel(dimension, row, words) }))}
            series={[
              { key: 'inbound', name: t('reports.inbound') },
              ...(hasOutbound(dimension) ? [{ key: 'outboundHuman', name: t('reports.outboundHuman') }] : []),
              { key: 'newThreads', name: t('reports.newThreads') },
            ]}
          />
          <ReportTableView table={breakdownTable(dimension, report.breakdowns[dimension], words)} caption={t(`reports.by.${dimension}`)} fileName={`by-${dimension}`} />
        </section>
      ))}

      <section className="report-section" aria-labelledby="response-heading">
        <h2 id="response-heading">{t('reports.responseHeading')}</h2>
        <p className="report-definition">{t('reports.definitions.firstResponse')}</p>
        <p className="report-definition">{t('reports.definitions.timeToClose')}</p>
        <p className="report-definition">{t('reports.definitions.sla')}</p>
        <ReportChart
          label={t('reports.firstResponseChart')}
          data={overall.map((row) => ({ ...row, label: row.key === null ? t('reports.wholeDesk') : keyLabel('channel', { key: row.key.slice(8), label: row.label }, words) }))}
          series={[
            { key: 'firstResponseMedianMinutes', name: t('reports.firstResponseMedian') },
            { key: 'firstResponseP90Minutes', name: t('reports.firstResponseP90') },
          ]}
        />
        <ReportTableView table={responseTimesTable(report, words)} caption={t('reports.responseHeading')} fileName="response-times" />
      </section>

      <section className="report-section" aria-labelledby="escalations-heading">
        <h2 id="escalations-heading">{t('reports.escalationsHeading')}</h2>
        <p className="report-definition">{t('reports.definitions.escalations')}</p>
        <ReportChart
          label={t('reports.escalationsHeading')}
          data={report.escalations.map((row) => ({ ...row, label: row.team }))}
          series={[
            { key: 'awaitingAcknowledgement', name: t('reports.awaitingAcknowledgement'), stack: 'state' },
            { key: 'acknowledged', name: t('reports.acknowledged'), stack: 'state' },
            { key: 'resolved', name: t('reports.resolved'), stack: 'state' },
          ]}
        />
        <ReportTableView table={escalationsTable(report, words)} caption={t('reports.escalationsHeading')} fileName="escalations" />
      </section>

      <EscalationOutcomesSection report={report} />

      <section className="report-section" aria-labelledby="agents-heading">
        <h2 id="agents-heading">{t('reports.agentsHeading')}</h2>
        <p className="report-definition">{t('reports.definitions.agents')}</p>
        <ReportChart
          label={t('reports.agentsHeading')}
          data={report.agents.map((row) => ({ ...row, label: row.name }))}
          series={[
            { key: 'replies', name: t('reports.replies') },
            { key: 'threadsAssigned', name: t('reports.threadsAssigned') },
          ]}
        />
        <ReportTableView table={agentsTable(report, words)} caption={t('reports.agentsHeading')} fileName="agents" />
      </section>

      <BroadcastsSection report={report} />
    </>
  );
}
