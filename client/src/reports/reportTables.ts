import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReportBreakdownRow, ReportBucket, ReportDimension, ReportResponse, ReportTable } from '../../../shared/reports';

// Each report table is built once here; the page shows it and the CSV repeats it cell for cell, in
// the agent's screen language (headings and labels; figures and dates stay as a spreadsheet reads them).

/** The agent's words: every table and label of a report is built with them. */
export interface ReportWords {
  t: TFunction;
}

export function useReportWords(): ReportWords {
  const { t } = useTranslation();
  return { t };
}

const cell = (value: number | null, { t }: ReportWords) => (value === null ? t('reports.notApplicable') : value);

/**
 * "October 2026", "Hydref 2026": a month given as YYYY-MM, named in the screen's language. From the
 * translations, not Intl: Chromium's own ICU data has no Welsh, so Intl's 'cy' months come out English.
 */
export function monthName(month: string, { t }: ReportWords): string {
  return t('reports.monthYear', { month: t(`time.months.${month.slice(5, 7)}`), year: month.slice(0, 4) });
}

export function bucketLabel(bucket: string, kind: ReportBucket, words: ReportWords): string {
  switch (kind) {
    case 'month':
      return monthName(bucket, words);
    case 'week':
      return words.t('reports.weekOf', { date: bucket });
    case 'day':
      return bucket;
    case 'hour':
      return `${bucket}:00`;
  }
}

export function keyLabel(dimension: ReportDimension, row: Pick<ReportBreakdownRow, 'key' | 'label'>, { t }: ReportWords): string {
  if (row.key === null) return dimension === 'team' ? t('reports.noTeam') : t('reports.notSet');
  // the desk's own words for a shared constant (channel.facebook, risk.priority…); an unknown one as it came
  return dimension === 'team' ? row.label : t(`${dimension}.${row.key}`, { defaultValue: row.key });
}

export function seriesTable(report: ReportResponse, words: ReportWords): ReportTable {
  const { t } = words;
  return {
    columns: [report.query.bucket === 'hour' ? t('reports.bucket.hour') : t('reports.periodColumn'), t('reports.inbound'), t('reports.outboundHuman'), t('reports.outboundAuto'), t('reports.newThreads')],
    rows: [
      ...report.series.map((row) => [bucketLabel(row.bucket, report.query.bucket, words), row.inbound, row.outboundHuman, row.outboundAuto, row.newThreads]),
      [t('reports.total'), report.totals.inbound, report.totals.outboundHuman, report.totals.outboundAuto, report.totals.newThreads],
    ],
  };
}

/** Replies carry no triage, so outbound columns appear by channel and team only. */
export function hasOutbound(dimension: ReportDimension): boolean {
  return dimension === 'channel' || dimension === 'team';
}

export function breakdownTable(dimension: ReportDimension, rows: ReportBreakdownRow[], words: ReportWords): ReportTable {
  const { t } = words;
  const withOutbound = hasOutbound(dimension);
  return {
    columns: [t(`reports.dimension.${dimension}`), t('reports.inbound'), ...(withOutbound ? [t('reports.outboundHuman'), t('reports.outboundAuto')] : []), t('reports.newThreads')],
    rows: rows.map((row) => [keyLabel(dimension, row, words), row.inbound, ...(withOutbound ? [row.outboundHuman, row.outboundAuto] : []), row.newThreads]),
  };
}

function responseGroupLabel(key: string | null, label: string, words: ReportWords): string {
  if (key === null) return words.t('reports.wholeDesk');
  const [dimension, value] = key.split(':') as [ReportDimension, string];
  return `${words.t(`reports.dimension.${dimension}`)}: ${keyLabel(dimension, { key: value, label }, words)}`;
}

export function responseTimesTable(report: ReportResponse, words: ReportWords): ReportTable {
  const { t } = words;
  return {
    columns: [
      t('reports.group'),
      t('reports.threadsOpened'),
      t('reports.answered'),
      t('reports.firstResponseMedian'),
      t('reports.firstResponseP90'),
      t('reports.closed'),
      t('reports.closeMedian'),
      t('reports.closeP90'),
      t('reports.slaMet'),
      t('reports.slaCounted'),
      t('reports.slaMetPercent'),
    ],
    rows: report.responseTimes.map((row) => [
      responseGroupLabel(row.key, row.label, words),
      row.threads,
      row.answered,
      cell(row.firstResponseMedianMinutes, words),
      cell(row.firstResponseP90Minutes, words),
      row.closed,
      cell(row.closeMedianHours, words),
      cell(row.closeP90Hours, words),
      row.slaMet,
      row.slaTracked,
      cell(row.slaMetPercent, words),
    ]),
  };
}

export function escalationsTable(report: ReportResponse, words: ReportWords): ReportTable {
  const { t } = words;
  return {
    columns: [
      t('reports.team'),
      t('reports.raised'),
      t('reports.awaitingAcknowledgement'),
      t('reports.acknowledged'),
      t('reports.resolved'),
      t('reports.acknowledgeMedian'),
      t('reports.resolveMedian'),
    ],
    rows: report.escalations.map((row) => [
      row.team,
      row.raised,
      row.awaitingAcknowledgement,
      row.acknowledged,
      row.resolved,
      cell(row.acknowledgeMedianMinutes, words),
      cell(row.resolveMedianHours, words),
    ]),
  };
}

export function agentsTable(report: ReportResponse, words: ReportWords): ReportTable {
  const { t } = words;
  return {
    columns: [t('reports.agent'), t('reports.threadsAssigned'), t('reports.replies'), t('reports.firstResponseMedian')],
    rows: report.agents.map((row) => [row.name, row.threadsAssigned, row.replies, cell(row.firstResponseMedianMinutes, words)]),
  };
}
