import { sql } from 'drizzle-orm';
import type { Database } from '../../server/db/database';

// A year of desk history, set-based in SQL (seconds, not hours, for a million messages): the
// reports bench reads it, and the memory bench starts the desk on it. `threads` threads × 10
// messages, November 2025 to October 2026, on a freshly migrated database.
const MESSAGES_PER_THREAD = 10;

/** Threads spread over the year with varied triage, 10 messages each, and the report counters. */
export async function seedDeskHistory(db: Database, threads: number) {
  await db.execute(sql`insert into agents (name, email, password_hash, role) select 'Bench agent ' || i, 'bench' || i || '@desk.test', 'x', 'agent' from generate_series(1, 20) as i`);
  await db.execute(sql`insert into teams (name) select 'Bench team ' || i from generate_series(1, 5) as i`);
  await db.execute(sql`
    insert into channels (type, account_id, display_name)
    values ('facebook', 'bench', 'Bench Page'), ('twitter', 'bench', 'Bench X'), ('webchat', 'bench', 'Bench chat'), ('report_form', 'bench', 'Bench form')`);
  await db.execute(sql`
    insert into contacts (channel_id, platform_user_id)
    select (select id from channels order by type offset (i % 4) limit 1), 'person' || i from generate_series(1, ${threads}) as i`);
  // Threads spread evenly over the year, opened at any hour; triage, team and assignee vary.
  await db.execute(sql`
    insert into threads (reference, channel_id, platform_conversation_id, contact_id, status, risk, category, language, team_id, assignee_id,
      last_message_at, created_at, sla_due_at, first_response_at, restricted)
    select 'SMD-B-' || lpad(c.n::text, 6, '0'), c.channel_id, 'conv' || c.n, c.id,
      (array['closed','closed','closed','closed','open','pending','closed','escalated'])[1 + c.n % 8],
      (array['routine','routine','routine','routine','priority','priority','emergency'])[1 + c.n % 7],
      (array['crime-report','advice','road-traffic','asb','update-request','welfare-concern','domestic-abuse','non-police','missing-person'])[1 + c.n % 9],
      (array['en','en','en','cy'])[1 + c.n % 4],
      (select id from teams order by name offset (c.n % 5) limit 1),
      case when c.n % 6 <> 0 then (select id from agents order by email offset (c.n % 20) limit 1) end,
      opened + interval '3 hours', opened, opened + interval '1 hour',
      case when c.n % 5 <> 0 then opened + (c.n % 180) * interval '1 minute' end,
      c.n % 9 = 6
    from (select id, channel_id, row_number() over (order by platform_user_id) as n from contacts) as c,
      lateral (select timestamptz '2025-11-01 00:00:00+00' + (c.n::float8 / ${threads}) * interval '365 days' as opened) as o`);
  await db.execute(sql`update threads set closed_at = created_at + (1 + (hashtext(id::text) & 47)) * interval '1 hour' where status = 'closed'`);
  // One pass at the end instead of the per-message triggers: the same counters, faster seeding.
  await db.execute(sql`alter table messages disable trigger messages_feed_thread_search`);
  await db.execute(sql`alter table messages disable trigger messages_count_for_reports`);
  // Per thread: 6 inbound, 1 automatic acknowledgement, 3 replies by the assignee (or agent 1).
  await db.execute(sql`
    insert into messages (thread_id, channel_id, direction, kind, text, delivery_status, sent_at, author_agent_id, category, risk, language)
    select t.id, t.channel_id,
      case when m in (2, 5, 8, 10) then 'out' else 'in' end,
      case when m = 2 then 'auto' else 'text' end,
      'bench message', case when m in (2, 5, 8, 10) then 'sent' else 'received' end,
      t.created_at + (m - 1) * interval '20 minutes',
      case when m in (5, 8, 10) then coalesce(t.assignee_id, (select id from agents order by email limit 1)) end,
      case when m not in (2, 5, 8, 10) then t.category end,
      case when m not in (2, 5, 8, 10) then t.risk end,
      case when m not in (2, 5, 8, 10) then t.language end
    from threads t, generate_series(1, ${MESSAGES_PER_THREAD}) as m`);
  await db.execute(sql`alter table messages enable trigger messages_count_for_reports`);
  await db.execute(sql`alter table messages enable trigger messages_feed_thread_search`);
  // The search documents the disabled trigger would have built, as the migration backfills them.
  await db.execute(sql`
    update threads set last_message_preview = 'bench message',
      search_vector = coalesce((select to_tsvector('simple', string_agg(text, ' ')) from messages where thread_id = threads.id), ''::tsvector)`);
  // The same aggregate the migration backfills the counters with.
  await db.execute(sql`
    insert into report_daily_counts (day, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
    select (m.sent_at at time zone 'Europe/London')::date, c.type, m.direction, m.kind, m.category, m.risk, m.language, t.team_id, m.author_agent_id, count(*)
    from messages m join channels c on c.id = m.channel_id join threads t on t.id = m.thread_id
    where m.kind in ('text', 'auto') group by 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  await db.execute(sql`
    insert into report_monthly_counts (month, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
    select date_trunc('month', day)::date, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, sum(messages)
    from report_daily_counts group by 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  await db.execute(sql`
    insert into report_hourly_counts (hour, channel_type, direction, kind, messages)
    select date_trunc('hour', m.sent_at at time zone 'Europe/London'), c.type, m.direction, m.kind, count(*)
    from messages m join channels c on c.id = m.channel_id
    where m.kind in ('text', 'auto') group by 1, 2, 3, 4`);
  await db.execute(sql`
    insert into escalations (thread_id, team_id, reason, urgency, status, raised_by_agent_id, raised_at, acknowledged_at, resolved_at)
    select t.id, t.team_id, 'bench', 'routine', case when t.status = 'escalated' then 'raised' else 'resolved' end, coalesce(t.assignee_id, (select id from agents order by email limit 1)),
      t.created_at + interval '30 minutes', t.created_at + interval '40 minutes',
      case when t.status <> 'escalated' then t.created_at + interval '3 hours' end
    from threads t where t.status = 'escalated' or t.id::text like '0%'`);
  await db.execute(sql`vacuum analyze`);
}
