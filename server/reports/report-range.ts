import { sql, type SQL } from 'drizzle-orm';
import type { ReportBucket, ReportQuery } from '../../shared/reports';

// Every report reads UK local time: a day starts at midnight on the office clock, whether that
// is 00:00 UTC (GMT, winter) or 23:00 UTC the day before (BST, summer).
export const REPORT_TIME_ZONE = 'Europe/London';

/** The range as UK local timestamps [start, end): for the counters, which are kept in local time. */
export function localBounds(query: ReportQuery): { start: SQL; end: SQL } {
  return { start: sql`${query.from}::date::timestamp`, end: sql`(${query.to}::date + 1)::timestamp` };
}

/** The range as instants [start, end): for timestamps stored with their time zone. */
export function instantBounds(query: ReportQuery): { start: SQL; end: SQL } {
  return {
    start: sql`(${query.from}::date::timestamp at time zone ${REPORT_TIME_ZONE})`,
    end: sql`((${query.to}::date + 1)::timestamp at time zone ${REPORT_TIME_ZONE})`,
  };
}

/** The bucket label of a UK local timestamp expression, as the series names it. */
export function bucketOf(localTime: SQL, bucket: ReportBucket): SQL {
  switch (bucket) {
    case 'month':
      return sql`to_char(${localTime}, 'YYYY-MM')`;
    case 'week':
      return sql`to_char(date_trunc('week', ${localTime}), 'YYYY-MM-DD')`;
    case 'day':
      return sql`to_char(${localTime}, 'YYYY-MM-DD')`;
    case 'hour':
      return sql`to_char(${localTime}, 'HH24')`;
  }
}

/** Every bucket of the range in order, so a quiet month or hour shows as zero instead of missing. */
export function bucketsOf(query: ReportQuery): string[] {
  if (query.bucket === 'hour') return Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));
  const labels: string[] = [];
  const last = Date.parse(`${query.to}T00:00:00Z`);
  for (let day = Date.parse(`${query.from}T00:00:00Z`); day <= last; day += 86_400_000) {
    const label = labelOfDay(new Date(day), query.bucket);
    if (labels.at(-1) !== label) labels.push(label);
  }
  return labels;
}

function labelOfDay(day: Date, bucket: Exclude<ReportBucket, 'hour'>): string {
  const iso = day.toISOString().slice(0, 10);
  if (bucket === 'day') return iso;
  if (bucket === 'month') return iso.slice(0, 7);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/**
 * The message counters for a range: whole UK months from report_monthly_counts, the days either
 * side from report_daily_counts — so a year reads twelve months' rows, not 365 days'.
 */
export function countersIn(query: ReportQuery): SQL {
  const columns = sql`channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages`;
  const monthsStart = query.from.endsWith('-01') ? query.from : firstOfNextMonth(query.from);
  const monthsEnd = addDays(query.to, 1).slice(0, 7) + '-01';
  if (monthsStart >= monthsEnd) {
    return sql`(select ${columns} from report_daily_counts where day >= ${query.from}::date and day <= ${query.to}::date)`;
  }
  return sql`(select ${columns} from report_monthly_counts where month >= ${monthsStart}::date and month < ${monthsEnd}::date
    union all select ${columns} from report_daily_counts where day >= ${query.from}::date and day < ${monthsStart}::date
    union all select ${columns} from report_daily_counts where day >= ${monthsEnd}::date and day <= ${query.to}::date)`;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function firstOfNextMonth(day: string): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}
