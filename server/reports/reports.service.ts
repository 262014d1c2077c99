import { sql, type SQL } from 'drizzle-orm';
import {
  REPORT_DIMENSIONS,
  type AgentWorkloadRow,
  type BroadcastTemplateRow,
  type EscalationOutcomeRow,
  type EscalationReportRow,
  type ReportBreakdownRow,
  type ReportDimension,
  type ReportQuery,
  type ReportResponse,
  type ReportSeriesRow,
  type ResponseTimeRow,
} from '../../shared/reports';
import type { Database } from '../db/database';
import { bucketOf, bucketsOf, countersIn, instantBounds, localBounds } from './report-range';

// Message volumes come from the counters the messages trigger keeps (report_monthly_counts,
// report_daily_counts, report_hourly_counts); thread figures from threads opened in the range (threads_created_at_idx).
// Aggregates only: no query here returns a thread, so restricted threads are counted, never listed.

async function rowsOf<Row>(db: Database, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

/** Threads that count: a thread merged into another counts once, as the thread kept. */
function threadsOpenedIn(query: ReportQuery): SQL {
  const { start, end } = instantBounds(query);
  return sql`t.created_at >= ${start} and t.created_at < ${end} and t.merged_into_id is null`;
}

export interface ReportSettings {
  /** The configured escalation outcome kinds, for their labels. */
  outcomeKinds: ReadonlyArray<{ key: string; label: string }>;
}

export async function buildReport(db: Database, query: ReportQuery, settings: ReportSettings): Promise<ReportResponse> {
  const [series, breakdowns, responseTimes, escalations, escalationOutcomes, agents, broadcasts] = await Promise.all([
    loadSeries(db, query),
    loadBreakdowns(db, query),
    loadResponseTimes(db, query),
    loadEscalations(db, query),
    loadEscalationOutcomes(db, query, settings),
    loadAgentWorkload(db, query),
    loadBroadcasts(db, query),
  ]);
  const totals = series.rows.reduce<ReportResponse['totals']>(
    (sum, row) => ({
      ...sum,
      inbound: sum.inbound + row.inbound,
      outboundHuman: sum.outboundHuman + row.outboundHuman,
      outboundAuto: sum.outboundAuto + row.outboundAuto,
      newThreads: sum.newThreads + row.newThreads,
    }),
    { bucket: 'total', inbound: 0, outboundHuman: 0, outboundAuto: 0, newThreads: 0, restrictedThreads: series.restrictedThreads },
  );
  return {
    query,
    series: series.rows,
    totals,
    breakdowns,
    responseTimes,
    escalations,
    escalationOutcomes,
    agents,
    broadcasts,
  };
}

async function loadSeries(db: Database, query: ReportQuery): Promise<{ rows: ReportSeriesRow[]; restrictedThreads: number }> {
  const { start, end } = localBounds(query);
  const messageBucket = bucketOf(sql`hour`, query.bucket);
  // Threads are first counted per UTC hour (no time-zone lookup per row), then each hour is put in
  // its UK bucket: exact, because the UK is always a whole number of hours from UTC.
  const threadBucket = bucketOf(sql`(utc_hour at time zone 'Europe/London')`, query.bucket);
  const [messageRows, threadRows] = await Promise.all([
    rowsOf<{ bucket: string; inbound: number; outbound_human: number; outbound_auto: number }>(
      db,
      sql`select ${messageBucket} as bucket,
            coalesce(sum(messages) filter (where direction = 'in'), 0)::int as inbound,
            coalesce(sum(messages) filter (where direction = 'out' and kind = 'text'), 0)::int as outbound_human,
            coalesce(sum(messages) filter (where direction = 'out' and kind = 'auto'), 0)::int as outbound_auto
          from report_hourly_counts where hour >= ${start} and hour < ${end}
          group by 1`,
    ),
    rowsOf<{ bucket: string; new_threads: number; restricted: number }>(
      db,
      sql`select ${threadBucket} as bucket, sum(new_threads)::int as new_threads, sum(restricted)::int as restricted
          from (
            select date_bin('1 hour', t.created_at, timestamptz '2000-01-01 00:00:00+00') as utc_hour,
              count(*) as new_threads, count(*) filter (where t.restricted) as restricted
            from threads t where ${threadsOpenedIn(query)} group by 1
          ) as hours group by 1`,
    ),
  ]);
  const messagesBy = new Map(messageRows.map((row) => [row.bucket, row]));
  const threadsBy = new Map(threadRows.map((row) => [row.bucket, row]));
  const rows = bucketsOf(query).map((bucket) => ({
    bucket,
    inbound: messagesBy.get(bucket)?.inbound ?? 0,
    outboundHuman: messagesBy.get(bucket)?.outbound_human ?? 0,
    outboundAuto: messagesBy.get(bucket)?.outbound_auto ?? 0,
    newThreads: threadsBy.get(bucket)?.new_threads ?? 0,
  }));
  return { rows, restrictedThreads: threadRows.reduce((sum, row) => sum + row.restricted, 0) };
}

type DimensionColumns = Record<ReportDimension, SQL>;

async function loadBreakdowns(db: Database, query: ReportQuery): Promise<ReportResponse['breakdowns']> {
  const counterColumns: DimensionColumns = {
    channel: sql`channel_type`,
    category: sql`category`,
    risk: sql`risk`,
    language: sql`language`,
    team: sql`team_id::text`,
  };
  const threadColumns: DimensionColumns = {
    channel: sql`c.type`,
    category: sql`t.category`,
    risk: sql`t.risk`,
    language: sql`t.language`,
    team: sql`t.team_id::text`,
  };
  const [messageRows, threadRows, teamRows] = await Promise.all([
    rowsOf<{ dimension: ReportDimension; key: string | null; inbound: number; outbound_human: number; outbound_auto: number }>(
      db,
      sql`select ${dimensionAndKey(counterColumns)},
            coalesce(sum(messages) filter (where direction = 'in'), 0)::int as inbound,
            coalesce(sum(messages) filter (where direction = 'out' and kind = 'text'), 0)::int as outbound_human,
            coalesce(sum(messages) filter (where direction = 'out' and kind = 'auto'), 0)::int as outbound_auto
          from ${countersIn(query)} as counts
          group by grouping sets (${groupingSets(counterColumns)})`,
    ),
    rowsOf<{ dimension: ReportDimension; key: string | null; new_threads: number }>(
      db,
      sql`select ${dimensionAndKey(threadColumns)}, count(*)::int as new_threads
          from threads t join channels c on c.id = t.channel_id where ${threadsOpenedIn(query)}
          group by grouping sets (${groupingSets(threadColumns)})`,
    ),
    rowsOf<{ id: string; name: string }>(db, sql`select id::text, name from teams`),
  ]);
  const teamNames = new Map(teamRows.map((team) => [team.id, team.name]));
  const breakdowns = Object.fromEntries(REPORT_DIMENSIONS.map((dimension) => [dimension, new Map<string | null, ReportBreakdownRow>()])) as Record<
    ReportDimension,
    Map<string | null, ReportBreakdownRow>
  >;
  const rowFor = (dimension: ReportDimension, key: string | null) => {
    const rows = breakdowns[dimension];
    let row = rows.get(key);
    if (!row) {
      const label = key === null ? 'Not set' : dimension === 'team' ? (teamNames.get(key) ?? key) : key;
      row = { key, label, inbound: 0, outboundHuman: 0, outboundAuto: 0, newThreads: 0 };
      rows.set(key, row);
    }
    return row;
  };
  for (const row of messageRows) {
    // Replies carry no triage: by category, risk and language only inbound messages are counted.
    const isTriageDimension = row.dimension === 'category' || row.dimension === 'risk' || row.dimension === 'language';
    if (isTriageDimension && row.inbound === 0) continue;
    const target = rowFor(row.dimension, row.key);
    target.inbound += row.inbound;
    if (!isTriageDimension) {
      target.outboundHuman += row.outbound_human;
      target.outboundAuto += row.outbound_auto;
    }
  }
  for (const row of threadRows) rowFor(row.dimension, row.key).newThreads += row.new_threads;
  const ordered = (rows: Map<string | null, ReportBreakdownRow>) =>
    [...rows.values()].sort((a, b) => b.inbound + b.newThreads - (a.inbound + a.newThreads) || a.label.localeCompare(b.label));
  return {
    channel: ordered(breakdowns.channel),
    category: ordered(breakdowns.category),
    risk: ordered(breakdowns.risk),
    language: ordered(breakdowns.language),
    team: ordered(breakdowns.team),
  };
}

/** Which grouping set a row of `group by grouping sets` came from, and its key. */
function dimensionAndKey(columns: DimensionColumns): SQL {
  const cases = REPORT_DIMENSIONS.map((dimension) => sql`when grouping(${columns[dimension]}) = 0 then ${dimension}`);
  const keys = REPORT_DIMENSIONS.map((dimension) => sql`when grouping(${columns[dimension]}) = 0 then ${columns[dimension]}`);
  return sql`case ${sql.join(cases, sql` `)} end as dimension, case ${sql.join(keys, sql` `)} end as key`;
}

function groupingSets(columns: DimensionColumns): SQL {
  return sql.join(
    REPORT_DIMENSIONS.map((dimension) => sql`(${columns[dimension]})`),
    sql`, `,
  );
}

async function loadResponseTimes(db: Database, query: ReportQuery): Promise<ResponseTimeRow[]> {
  const firstResponseSeconds = sql`extract(epoch from t.first_response_at - t.created_at)`;
  const closeSeconds = sql`extract(epoch from t.closed_at - t.created_at)`;
  const rows = await rowsOf<{
    dimension: 'all' | 'channel' | 'risk';
    key: string | null;
    threads: number;
    answered: number;
    frt: [number | null, number | null] | null;
    closed: number;
    close: [number | null, number | null] | null;
    sla_tracked: number;
    sla_met: number;
  }>(
    db,
    sql`select case when grouping(c.type) = 0 then 'channel' when grouping(t.risk) = 0 then 'risk' else 'all' end as dimension,
          coalesce(c.type, t.risk) as key,
          count(*)::int as threads,
          count(t.first_response_at)::int as answered,
          percentile_cont(array[0.5, 0.9]) within group (order by ${firstResponseSeconds}) as frt,
          count(*) filter (where t.status = 'closed')::int as closed,
          percentile_cont(array[0.5, 0.9]) within group (order by ${closeSeconds}) filter (where t.status = 'closed') as close,
          count(*) filter (where t.sla_due_at is not null and (t.first_response_at is not null or t.sla_due_at <= now()))::int as sla_tracked,
          count(*) filter (where t.first_response_at <= t.sla_due_at)::int as sla_met
        from threads t join channels c on c.id = t.channel_id
        where ${threadsOpenedIn(query)}
        group by grouping sets ((), (c.type), (t.risk))`,
  );
  const order = { all: 0, channel: 1, risk: 2 };
  // One sort gives both percentiles (percentile_cont over an array of fractions).
  const byMinutes = (seconds: number | null) => (seconds === null ? null : round(Number(seconds) / 60));
  const byHours = (seconds: number | null) => (seconds === null ? null : round(Number(seconds) / 3600));
  const whole = rows.find((row) => row.dimension === 'all');
  const all = whole ?? { dimension: 'all' as const, key: null, threads: 0, answered: 0, frt: null, closed: 0, close: null, sla_tracked: 0, sla_met: 0 };
  return [all, ...rows.filter((row) => row.dimension !== 'all')]
    .sort((a, b) => order[a.dimension] - order[b.dimension] || String(a.key).localeCompare(String(b.key)))
    .map((row) => ({
      key: row.dimension === 'all' ? null : `${row.dimension}:${row.key}`,
      label: row.dimension === 'all' ? 'All' : String(row.key),
      threads: row.threads,
      answered: row.answered,
      firstResponseMedianMinutes: byMinutes(row.frt?.[0] ?? null),
      firstResponseP90Minutes: byMinutes(row.frt?.[1] ?? null),
      closed: row.closed,
      closeMedianHours: byHours(row.close?.[0] ?? null),
      closeP90Hours: byHours(row.close?.[1] ?? null),
      slaTracked: row.sla_tracked,
      slaMet: row.sla_met,
      slaMetPercent: row.sla_tracked === 0 ? null : round((100 * row.sla_met) / row.sla_tracked),
    }));
}

async function loadEscalations(db: Database, query: ReportQuery): Promise<EscalationReportRow[]> {
  const { start, end } = instantBounds(query);
  const rows = await rowsOf<{
    team: string;
    raised: number;
    awaiting: number;
    acknowledged: number;
    resolved: number;
    acknowledge_median: number | null;
    resolve_median: number | null;
  }>(
    db,
    sql`select tm.name as team, count(*)::int as raised,
          count(*) filter (where e.status = 'raised')::int as awaiting,
          count(*) filter (where e.status = 'acknowledged')::int as acknowledged,
          count(*) filter (where e.status = 'resolved')::int as resolved,
          (percentile_cont(0.5) within group (order by extract(epoch from e.acknowledged_at - e.raised_at)))::float8 as acknowledge_median,
          (percentile_cont(0.5) within group (order by extract(epoch from e.resolved_at - e.raised_at)))::float8 as resolve_median
        from escalations e join teams tm on tm.id = e.team_id
        where e.raised_at >= ${start} and e.raised_at < ${end}
        group by tm.name order by raised desc, tm.name`,
  );
  return rows.map((row) => ({
    team: row.team,
    raised: row.raised,
    awaitingAcknowledgement: row.awaiting,
    acknowledged: row.acknowledged,
    resolved: row.resolved,
    acknowledgeMedianMinutes: row.acknowledge_median === null ? null : round(row.acknowledge_median / 60),
    resolveMedianHours: row.resolve_median === null ? null : round(row.resolve_median / 3600),
  }));
}

/** Outcome kinds no longer configured keep their key as label; escalations from before kinds existed read "Not recorded". */
function outcomeLabel(kind: string, settings: ReportSettings): string {
  if (kind === 'not_recorded') return 'Not recorded';
  return settings.outcomeKinds.find((known) => known.key === kind)?.label ?? kind;
}

async function loadEscalationOutcomes(db: Database, query: ReportQuery, settings: ReportSettings): Promise<EscalationOutcomeRow[]> {
  const { start, end } = instantBounds(query);
  const rows = await rowsOf<{ team: string; kind: string; resolved: number }>(
    db,
    sql`select tm.name as team, coalesce(e.outcome_kind, 'not_recorded') as kind, count(*)::int as resolved
        from escalations e join teams tm on tm.id = e.team_id
        where e.raised_at >= ${start} and e.raised_at < ${end} and e.status = 'resolved'
        group by 1, 2`,
  );
  // Teams by name; outcomes in the configured order, unknown kinds after, "Not recorded" last.
  const rank = (kind: string) => (kind === 'not_recorded' ? 1e6 : settings.outcomeKinds.findIndex((known) => known.key === kind) + 1 || 1e5);
  return rows
    .map((row) => ({ team: row.team, outcomeKind: row.kind, outcomeLabel: outcomeLabel(row.kind, settings), resolved: row.resolved }))
    .sort((a, b) => a.team.localeCompare(b.team) || rank(a.outcomeKind) - rank(b.outcomeKind) || a.outcomeKind.localeCompare(b.outcomeKind));
}

async function loadBroadcasts(db: Database, query: ReportQuery): Promise<BroadcastTemplateRow[]> {
  const { start, end } = instantBounds(query);
  return rowsOf<BroadcastTemplateRow>(
    db,
    sql`with published as (
          select b.id, b.template, b.status, min(p.published_at) as first_published_at,
            count(*) filter (where p.channel = 'facebook') as facebook_posts,
            count(*) filter (where p.channel = 'twitter') as x_posts
          from broadcasts b join broadcast_posts p on p.broadcast_id = b.id
          where p.published_at is not null
          group by b.id, b.template, b.status
        )
        select template, count(*)::int as published, sum(facebook_posts)::int as "facebookPosts", sum(x_posts)::int as "xPosts",
          count(*) filter (where status = 'withdrawn')::int as withdrawn
        from published where first_published_at >= ${start} and first_published_at < ${end}
        group by template order by published desc, template`,
  );
}

async function loadAgentWorkload(db: Database, query: ReportQuery): Promise<AgentWorkloadRow[]> {
  const rows = await rowsOf<{ id: string; name: string; threads: number; replies: number; frt_median: number | null }>(
    db,
    sql`with replies as (
          select author_agent_id as id, sum(messages)::int as replies from ${countersIn(query)} as counts
          where author_agent_id is not null group by 1
        ), assigned as (
          select t.assignee_id as id, count(*)::int as threads,
            (percentile_cont(0.5) within group (order by extract(epoch from t.first_response_at - t.created_at)))::float8 as frt_median
          from threads t where ${threadsOpenedIn(query)} and t.assignee_id is not null group by 1
        )
        select a.id::text, a.name, coalesce(assigned.threads, 0) as threads, coalesce(replies.replies, 0) as replies, assigned.frt_median
        from agents a left join replies on replies.id = a.id left join assigned on assigned.id = a.id
        where replies.id is not null or assigned.id is not null
        order by replies desc, threads desc, a.name`,
  );
  return rows.map((row) => ({
    agentId: row.id,
    name: row.name,
    threadsAssigned: row.threads,
    replies: row.replies,
    firstResponseMedianMinutes: row.frt_median === null ? null : round(row.frt_median / 60),
  }));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
