import type { ChannelType, Language, RiskLevel } from '../../../shared/constants';
import type { ReportBreakdownRow, ReportBucket, ReportDimension, ReportResponse, ReportTable } from '../../../shared/reports';
import { CHANNEL_LABELS, LANGUAGE_LABELS, RISK_LABELS, categoryLabel } from '../threadLabels';

// Each report table is built once here; the page shows it and the CSV repeats it cell for cell.

const NONE = 'n/a';
const cell = (value: number | null) => (value === null ? NONE : value);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function bucketLabel(bucket: string, kind: ReportBucket): string {
  switch (kind) {
    case 'month':
      return `${MONTHS[Number(bucket.slice(5, 7)) - 1]} ${bucket.slice(0, 4)}`;
    case 'week':
      return `Week of ${bucket}`;
    case 'day':
      return bucket;
    case 'hour':
      return `${bucket}:00`;
  }
}

export function keyLabel(dimension: ReportDimension, row: Pick<ReportBreakdownRow, 'key' | 'label'>): string {
  if (row.key === null) return dimension === 'team' ? 'No team' : 'Not set';
  switch (dimension) {
    case 'channel':
      return CHANNEL_LABELS[row.key as ChannelType] ?? row.key;
    case 'category':
      return categoryLabel(row.key) ?? row.key;
    case 'risk':
      return RISK_LABELS[row.key as RiskLevel] ?? row.key;
    case 'language':
      return LANGUAGE_LABELS[row.key as Language] ?? row.key;
    case 'team':
      return row.label;
  }
}

export function seriesTable(report: ReportResponse): ReportTable {
  return {
    columns: [report.query.bucket === 'hour' ? 'Hour of day' : 'Period', 'Inbound', 'Outbound (people)', 'Outbound (automatic)', 'New threads'],
    rows: [
      ...report.series.map((row) => [bucketLabel(row.bucket, report.query.bucket), row.inbound, row.outboundHuman, row.outboundAuto, row.newThreads]),
      ['Total', report.totals.inbound, report.totals.outboundHuman, report.totals.outboundAuto, report.totals.newThreads],
    ],
  };
}

export const DIMENSION_TITLES: Record<ReportDimension, string> = {
  channel: 'Channel',
  category: 'Category',
  risk: 'Risk',
  language: 'Language',
  team: 'Team',
};

/** Replies carry no triage, so outbound columns appear by channel and team only. */
export function hasOutbound(dimension: ReportDimension): boolean {
  return dimension === 'channel' || dimension === 'team';
}

export function breakdownTable(dimension: ReportDimension, rows: ReportBreakdownRow[]): ReportTable {
  const withOutbound = hasOutbound(dimension);
  return {
    columns: [DIMENSION_TITLES[dimension], 'Inbound', ...(withOutbound ? ['Outbound (people)', 'Outbound (automatic)'] : []), 'New threads'],
    rows: rows.map((row) => [keyLabel(dimension, row), row.inbound, ...(withOutbound ? [row.outboundHuman, row.outboundAuto] : []), row.newThreads]),
  };
}

function responseGroupLabel(key: string | null, label: string): string {
  if (key === null) return 'Whole desk';
  const [dimension, value] = key.split(':') as [ReportDimension, string];
  return `${DIMENSION_TITLES[dimension]}: ${keyLabel(dimension, { key: value, label })}`;
}

export function responseTimesTable(report: ReportResponse): ReportTable {
  return {
    columns: [
      'Group',
      'Threads opened',
      'Answered',
      'First response median (min)',
      'First response p90 (min)',
      'Closed',
      'Time to close median (h)',
      'Time to close p90 (h)',
      'SLA met',
      'SLA counted',
      'SLA met %',
    ],
    rows: report.responseTimes.map((row) => [
      responseGroupLabel(row.key, row.label),
      row.threads,
      row.answered,
      cell(row.firstResponseMedianMinutes),
      cell(row.firstResponseP90Minutes),
      row.closed,
      cell(row.closeMedianHours),
      cell(row.closeP90Hours),
      row.slaMet,
      row.slaTracked,
      cell(row.slaMetPercent),
    ]),
  };
}

export function escalationsTable(report: ReportResponse): ReportTable {
  return {
    columns: ['Team', 'Raised', 'Awaiting acknowledgement', 'Acknowledged', 'Resolved', 'Acknowledged in, median (min)', 'Resolved in, median (h)'],
    rows: report.escalations.map((row) => [
      row.team,
      row.raised,
      row.awaitingAcknowledgement,
      row.acknowledged,
      row.resolved,
      cell(row.acknowledgeMedianMinutes),
      cell(row.resolveMedianHours),
    ]),
  };
}

export function agentsTable(report: ReportResponse): ReportTable {
  return {
    columns: ['Agent', 'Threads assigned', 'Replies', 'First response median (min)'],
    rows: report.agents.map((row) => [row.name, row.threadsAssigned, row.replies, cell(row.firstResponseMedianMinutes)]),
  };
}
