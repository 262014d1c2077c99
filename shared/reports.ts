import { z } from 'zod';

// The managers' reports (issue 9): what the client asks for and what the server answers.
// Days, weeks, months and hours are UK local time (Europe/London).

export const REPORT_BUCKETS = ['month', 'week', 'day', 'hour'] as const;
export type ReportBucket = (typeof REPORT_BUCKETS)[number];

/** Dimensions every volume figure is broken down by. */
export const REPORT_DIMENSIONS = ['channel', 'category', 'risk', 'language', 'team'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** The longest range one report covers: a little over a year, so "last year" always fits. */
export const MAX_REPORT_DAYS = 400;

export const reportQuerySchema = z
  .object({
    /** First day, inclusive (UK local). */
    from: isoDate,
    /** Last day, inclusive (UK local). */
    to: isoDate,
    bucket: z.enum(REPORT_BUCKETS).default('month'),
  })
  .refine((query) => query.from <= query.to, { message: 'from must not be after to', path: ['to'] })
  .refine((query) => daysBetween(query.from, query.to) < MAX_REPORT_DAYS, { message: `at most ${MAX_REPORT_DAYS} days`, path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const count = z.number().int().nonnegative();
const minutes = z.number().nonnegative().nullable();

/** The message and thread counts every volume row carries. */
const volumeCounts = {
  inbound: count,
  /** Outbound figures are only meaningful by time, channel and team: replies carry no triage. */
  outboundHuman: count,
  outboundAuto: count,
  newThreads: count,
};

export const reportSeriesRowSchema = z.object({
  /** `2026-10` (month), `2026-10-26` (week starting Monday, or day), `14` (hour of day). */
  bucket: z.string(),
  ...volumeCounts,
});
export type ReportSeriesRow = z.infer<typeof reportSeriesRowSchema>;

export const reportBreakdownRowSchema = z.object({
  /** The channel type, category, risk, language or team id; null = not set (e.g. not triaged, no team). */
  key: z.string().nullable(),
  label: z.string(),
  ...volumeCounts,
});
export type ReportBreakdownRow = z.infer<typeof reportBreakdownRowSchema>;

export const responseTimeRowSchema = z.object({
  key: z.string().nullable(),
  label: z.string(),
  threads: count,
  answered: count,
  firstResponseMedianMinutes: minutes,
  firstResponseP90Minutes: minutes,
  closed: count,
  closeMedianHours: minutes,
  closeP90Hours: minutes,
  slaTracked: count,
  slaMet: count,
  slaMetPercent: z.number().nullable(),
});
export type ResponseTimeRow = z.infer<typeof responseTimeRowSchema>;

export const escalationRowSchema = z.object({
  team: z.string(),
  raised: count,
  awaitingAcknowledgement: count,
  acknowledged: count,
  resolved: count,
  acknowledgeMedianMinutes: minutes,
  resolveMedianHours: minutes,
});
export type EscalationReportRow = z.infer<typeof escalationRowSchema>;

/** Resolved escalations raised in the period, by the team they went to and the kind of outcome recorded. */
export const escalationOutcomeRowSchema = z.object({
  team: z.string(),
  /** A configured outcome kind (ESCALATION_OUTCOMES); `not_recorded` for escalations resolved before kinds existed. */
  outcomeKind: z.string(),
  outcomeLabel: z.string(),
  resolved: count,
});
export type EscalationOutcomeRow = z.infer<typeof escalationOutcomeRowSchema>;

/** Broadcasts first published in the period, by template. */
export const broadcastTemplateRowSchema = z.object({
  template: z.string(),
  published: count,
  facebookPosts: count,
  xPosts: count,
  /** Of those published in the period, how many have since been withdrawn. */
  withdrawn: count,
});
export type BroadcastTemplateRow = z.infer<typeof broadcastTemplateRowSchema>;

export const agentWorkloadRowSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  threadsAssigned: count,
  replies: count,
  firstResponseMedianMinutes: minutes,
});
export type AgentWorkloadRow = z.infer<typeof agentWorkloadRowSchema>;

export const reportResponseSchema = z.object({
  query: z.object({ from: isoDate, to: isoDate, bucket: z.enum(REPORT_BUCKETS) }),
  series: z.array(reportSeriesRowSchema),
  totals: reportSeriesRowSchema.extend({ restrictedThreads: count }),
  breakdowns: z.object({
    channel: z.array(reportBreakdownRowSchema),
    category: z.array(reportBreakdownRowSchema),
    risk: z.array(reportBreakdownRowSchema),
    language: z.array(reportBreakdownRowSchema),
    team: z.array(reportBreakdownRowSchema),
  }),
  /** The first row (key null, label "All") is the whole desk; then one a channel, then one a risk. */
  responseTimes: z.array(responseTimeRowSchema),
  escalations: z.array(escalationRowSchema),
  escalationOutcomes: z.array(escalationOutcomeRowSchema),
  agents: z.array(agentWorkloadRowSchema),
  broadcasts: z.array(broadcastTemplateRowSchema),
});
export type ReportResponse = z.infer<typeof reportResponseSchema>;

/** The definitions shown next to each figure, in one place for the page, the print and the tests. */
export const REPORT_DEFINITIONS = {
  inbound: 'Inbound: messages from members of the public, counted on the UK day and hour they were sent.',
  outbound:
    'Outbound: replies written by people (desk agents, or staff in the platform’s own inbox), shown apart from automatic acknowledgements. Internal notes and system lines are not messages and are not counted.',
  newThreads:
    'New threads: conversations whose first message reached the desk in the period. A thread merged into another counts once, as the thread kept. Restricted threads are counted here but never listed.',
  breakdowns:
    'Category, risk and language are the triage of each inbound message (threads: the thread’s current triage). Team is the thread’s team when the message was stored.',
  firstResponse:
    'First response: from the first inbound message reaching the desk to the first reply a person sent. Automatic replies and notes do not count. Median and 90th percentile, over threads opened in the period.',
  timeToClose: 'Time to close: from the first inbound message to the thread’s latest closing, over threads opened in the period and closed now.',
  sla: 'SLA met: threads opened in the period whose first response came by their SLA due time, out of those answered or already past due.',
  escalations:
    'Escalations raised in the period, by team and where they stand now (awaiting acknowledgement, acknowledged, resolved).',
  escalationOutcomes:
    'Outcomes: escalations raised in the period and resolved by now, by team and the kind of outcome the team chose when resolving. Escalations resolved before outcome kinds existed show as “Not recorded” unless their note plainly said what happened. The team’s own notes are not listed.',
  agents:
    'Per agent: threads opened in the period and assigned to them now, replies they wrote in the period, and the median first response of those threads.',
  broadcasts:
    'Broadcasts published: broadcasts whose first channel post went out in the period (UK time), by template; then how many Facebook and X posts of them went out, and how many have since been withdrawn. Drafts, returned and failed broadcasts are not counted.',
} as const;

/** One table as the page shows it and the CSV repeats it: same columns, same order, same cell text. */
export interface ReportTable {
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/** RFC 4180: cells with a comma, quote or line break are quoted, quotes doubled; CRLF between records. */
export function tableToCsv(table: ReportTable): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
