import { date, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { ChannelType, Language, MessageDirection, MessageKind, RiskLevel } from '../../shared/constants';

// Counters for the managers' reports (issue 9). A trigger on messages (migration, written by
// hand) adds one to each in the same transaction that stores the message, so a year's report
// sums a few thousand rows instead of a million messages. Days and hours are UK local time
// (Europe/London): the day and the hour a manager would read on the office clock.

/** What a report breaks messages down by; the daily and monthly counters share it. */
const breakdownColumns = () => ({
  channelType: text('channel_type').$type<ChannelType>().notNull(),
  direction: text('direction').$type<MessageDirection>().notNull(),
  /** `text` (a person wrote it) or `auto` (the automatic acknowledgement). */
  kind: text('kind').$type<MessageKind>().notNull(),
  /** Triage of the inbound message itself; null on outbound ones. */
  category: text('category'),
  risk: text('risk').$type<RiskLevel>(),
  language: text('language').$type<Language>(),
  /** The thread's team when the message was stored. */
  teamId: uuid('team_id'),
  /** The agent who wrote an outbound reply. */
  authorAgentId: uuid('author_agent_id'),
  messages: integer('messages').notNull(),
});

type Breakdown = ReturnType<typeof breakdownColumns>;
const breakdownKey = (table: { [Column in keyof Breakdown]: any }) =>
  [table.channelType, table.direction, table.kind, table.category, table.risk, table.language, table.teamId, table.authorAgentId] as const;

/** Messages a day, by everything a report breaks them down by. Notes and system lines are not counted. */
export const reportDailyCounts = pgTable(
  'report_daily_counts',
  { day: date('day').notNull(), ...breakdownColumns() },
  (table) => [unique('report_daily_counts_key').on(table.day, ...breakdownKey(table)).nullsNotDistinct()],
);

/** The same counts a month (first day of the UK month), so a year's report sums twelve months' rows. */
export const reportMonthlyCounts = pgTable(
  'report_monthly_counts',
  { month: date('month').notNull(), ...breakdownColumns() },
  (table) => [unique('report_monthly_counts_key').on(table.month, ...breakdownKey(table)).nullsNotDistinct()],
);

/** Messages an hour (local), by channel and direction: the hour-of-day and finer series. */
export const reportHourlyCounts = pgTable(
  'report_hourly_counts',
  {
    hour: timestamp('hour', { withTimezone: false }).notNull(),
    channelType: text('channel_type').$type<ChannelType>().notNull(),
    direction: text('direction').$type<MessageDirection>().notNull(),
    kind: text('kind').$type<MessageKind>().notNull(),
    messages: integer('messages').notNull(),
  },
  (table) => [unique('report_hourly_counts_key').on(table.hour, table.channelType, table.direction, table.kind)],
);
