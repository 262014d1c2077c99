-- Written by hand (issue 12, ingest in batches).
-- Ingest grows a thread's search document in its own update of the thread row (one write of the row per batch instead of one
-- more per message, a tenth of PostgreSQL's CPU in the bench profile); it says so for its transaction with this setting.
DROP TRIGGER messages_feed_thread_search ON messages;--> statement-breakpoint
CREATE TRIGGER messages_feed_thread_search AFTER INSERT ON messages
  FOR EACH ROW WHEN (current_setting('desk.ingest_feeds_thread_search', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION messages_feed_thread_search();--> statement-breakpoint
-- The reports' counters grow once per statement, not once per row: a batch of messages adds its counts in one upsert per table,
-- taking the counter rows of each table sorted by its key, so two batches never wait on
-- each other in a circle. Per row and deferred to the commit, a batch took them in message order and deadlocked another batch.
-- A reply held for a supervisor's approval is counted when approved, not when written (0013), by the same function.
DROP TRIGGER messages_count_for_reports ON messages;--> statement-breakpoint
DROP FUNCTION messages_count_for_reports();--> statement-breakpoint
CREATE FUNCTION count_messages_for_reports(message_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  WITH counted AS (
    SELECT m.sent_at AT TIME ZONE 'Europe/London' AS local_time, c.type AS channel_type, m.direction, m.kind, m.category, m.risk, m.language,
      t.team_id, m.author_agent_id
    FROM messages m JOIN channels c ON c.id = m.channel_id JOIN threads t ON t.id = m.thread_id
    WHERE m.id = ANY(message_ids) AND m.kind IN ('text', 'auto') AND m.delivery_status NOT IN ('awaiting_approval', 'returned')
  ), daily AS (
    INSERT INTO report_daily_counts AS c (day, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
      SELECT local_time::date, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, count(*)
      FROM counted GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      ON CONFLICT ON CONSTRAINT report_daily_counts_key DO UPDATE SET messages = c.messages + excluded.messages
  ), monthly AS (
    INSERT INTO report_monthly_counts AS c (month, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
      SELECT date_trunc('month', local_time)::date, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, count(*)
      FROM counted GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      ON CONFLICT ON CONSTRAINT report_monthly_counts_key DO UPDATE SET messages = c.messages + excluded.messages
  )
  INSERT INTO report_hourly_counts AS c (hour, channel_type, direction, kind, messages)
    SELECT date_trunc('hour', local_time), channel_type, direction, kind, count(*)
    FROM counted GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT report_hourly_counts_key DO UPDATE SET messages = c.messages + excluded.messages;
$$;--> statement-breakpoint
CREATE FUNCTION messages_count_for_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_messages_for_reports(ARRAY(SELECT id FROM inserted));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER messages_count_for_reports AFTER INSERT ON messages
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION messages_count_for_reports();--> statement-breakpoint
CREATE FUNCTION messages_count_approved_for_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_messages_for_reports(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER messages_count_approved_for_reports AFTER UPDATE OF delivery_status ON messages
  FOR EACH ROW WHEN (OLD.delivery_status IN ('awaiting_approval', 'returned') AND NEW.delivery_status NOT IN ('awaiting_approval', 'returned'))
  EXECUTE FUNCTION messages_count_approved_for_reports();
