-- Written by hand: a reply held for a supervisor's approval has not gone to the public, so the
-- reports count it when it is approved (leaves the held states), not when it is written; one
-- returned and never resubmitted is never counted.
CREATE OR REPLACE FUNCTION messages_count_for_reports() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  local_time timestamp := NEW.sent_at AT TIME ZONE 'Europe/London';
  channel text;
  team uuid;
BEGIN
  IF NEW.kind NOT IN ('text', 'auto') THEN RETURN NEW; END IF;
  IF NEW.delivery_status IN ('awaiting_approval', 'returned') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD.delivery_status NOT IN ('awaiting_approval', 'returned') THEN RETURN NEW; END IF;
  SELECT type INTO channel FROM channels WHERE id = NEW.channel_id;
  SELECT team_id INTO team FROM threads WHERE id = NEW.thread_id;
  INSERT INTO report_daily_counts AS c (day, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
    VALUES (local_time::date, channel, NEW.direction, NEW.kind, NEW.category, NEW.risk, NEW.language, team, NEW.author_agent_id, 1)
    ON CONFLICT ON CONSTRAINT report_daily_counts_key DO UPDATE SET messages = c.messages + 1;
  INSERT INTO report_monthly_counts AS c (month, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
    VALUES (date_trunc('month', local_time)::date, channel, NEW.direction, NEW.kind, NEW.category, NEW.risk, NEW.language, team, NEW.author_agent_id, 1)
    ON CONFLICT ON CONSTRAINT report_monthly_counts_key DO UPDATE SET messages = c.messages + 1;
  INSERT INTO report_hourly_counts AS c (hour, channel_type, direction, kind, messages)
    VALUES (date_trunc('hour', local_time), channel, NEW.direction, NEW.kind, 1)
    ON CONFLICT ON CONSTRAINT report_hourly_counts_key DO UPDATE SET messages = c.messages + 1;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_count_approved_for_reports AFTER UPDATE OF delivery_status ON messages
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION messages_count_for_reports();--> statement-breakpoint
-- Replies still held when this runs were counted when written: take them back out.
UPDATE report_daily_counts c SET messages = c.messages - h.messages
  FROM (SELECT (m.sent_at AT TIME ZONE 'Europe/London')::date AS day, ch.type AS channel_type, m.direction, m.kind, m.category, m.risk, m.language, t.team_id, m.author_agent_id, count(*)::int AS messages
        FROM messages m JOIN channels ch ON ch.id = m.channel_id JOIN threads t ON t.id = m.thread_id
        WHERE m.delivery_status IN ('awaiting_approval', 'returned') AND m.kind IN ('text', 'auto')
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) h
  WHERE (c.day, c.channel_type, c.direction, c.kind) = (h.day, h.channel_type, h.direction, h.kind)
    AND c.category IS NOT DISTINCT FROM h.category AND c.risk IS NOT DISTINCT FROM h.risk AND c.language IS NOT DISTINCT FROM h.language
    AND c.team_id IS NOT DISTINCT FROM h.team_id AND c.author_agent_id IS NOT DISTINCT FROM h.author_agent_id;--> statement-breakpoint
UPDATE report_monthly_counts c SET messages = c.messages - h.messages
  FROM (SELECT date_trunc('month', m.sent_at AT TIME ZONE 'Europe/London')::date AS month, ch.type AS channel_type, m.direction, m.kind, m.category, m.risk, m.language, t.team_id, m.author_agent_id, count(*)::int AS messages
        FROM messages m JOIN channels ch ON ch.id = m.channel_id JOIN threads t ON t.id = m.thread_id
        WHERE m.delivery_status IN ('awaiting_approval', 'returned') AND m.kind IN ('text', 'auto')
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) h
  WHERE (c.month, c.channel_type, c.direction, c.kind) = (h.month, h.channel_type, h.direction, h.kind)
    AND c.category IS NOT DISTINCT FROM h.category AND c.risk IS NOT DISTINCT FROM h.risk AND c.language IS NOT DISTINCT FROM h.language
    AND c.team_id IS NOT DISTINCT FROM h.team_id AND c.author_agent_id IS NOT DISTINCT FROM h.author_agent_id;--> statement-breakpoint
UPDATE report_hourly_counts c SET messages = c.messages - h.messages
  FROM (SELECT date_trunc('hour', m.sent_at AT TIME ZONE 'Europe/London') AS hour, ch.type AS channel_type, m.direction, m.kind, count(*)::int AS messages
        FROM messages m JOIN channels ch ON ch.id = m.channel_id
        WHERE m.delivery_status IN ('awaiting_approval', 'returned') AND m.kind IN ('text', 'auto')
        GROUP BY 1, 2, 3, 4) h
  WHERE (c.hour, c.channel_type, c.direction, c.kind) = (h.hour, h.channel_type, h.direction, h.kind);
