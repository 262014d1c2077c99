CREATE TABLE "report_daily_counts" (
	"day" date NOT NULL,
	"channel_type" text NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"category" text,
	"risk" text,
	"language" text,
	"team_id" uuid,
	"author_agent_id" uuid,
	"messages" integer NOT NULL,
	CONSTRAINT "report_daily_counts_key" UNIQUE NULLS NOT DISTINCT("day","channel_type","direction","kind","category","risk","language","team_id","author_agent_id")
);
--> statement-breakpoint
CREATE TABLE "report_hourly_counts" (
	"hour" timestamp NOT NULL,
	"channel_type" text NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"messages" integer NOT NULL,
	CONSTRAINT "report_hourly_counts_key" UNIQUE("hour","channel_type","direction","kind")
);
--> statement-breakpoint
CREATE TABLE "report_monthly_counts" (
	"month" date NOT NULL,
	"channel_type" text NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"category" text,
	"risk" text,
	"language" text,
	"team_id" uuid,
	"author_agent_id" uuid,
	"messages" integer NOT NULL,
	CONSTRAINT "report_monthly_counts_key" UNIQUE NULLS NOT DISTINCT("month","channel_type","direction","kind","category","risk","language","team_id","author_agent_id")
);
--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "threads_created_at_idx" ON "threads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "escalations_raised_at_idx" ON "escalations" USING btree ("raised_at");--> statement-breakpoint
-- Written by hand (drizzle-kit does not generate triggers): the reports' counters grow in the same transaction that stores a message,
-- whichever command stores it (ingest, agent reply, automatic acknowledgement, Page inbox echo). Days and hours are UK local time.
CREATE FUNCTION messages_count_for_reports() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  local_time timestamp := NEW.sent_at AT TIME ZONE 'Europe/London';
  channel text;
  team uuid;
BEGIN
  IF NEW.kind NOT IN ('text', 'auto') THEN RETURN NEW; END IF;
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
-- Deferred to the commit: every message of a busy hour adds to the same counter rows, so the row locks are held only while the
-- transaction commits, not while it goes on to store the acknowledgement and the audit event (ingest would otherwise queue on them).
CREATE CONSTRAINT TRIGGER messages_count_for_reports AFTER INSERT ON messages
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION messages_count_for_reports();--> statement-breakpoint
-- Written by hand: time to close needs when a thread closed, however it closed (agent, escalation, merge).
CREATE FUNCTION threads_track_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'closed' AND OLD.status IS DISTINCT FROM 'closed' THEN
    NEW.closed_at := now();
  ELSIF NEW.status <> 'closed' THEN
    NEW.closed_at := NULL;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER threads_track_closed_at BEFORE UPDATE OF status ON threads
  FOR EACH ROW EXECUTE FUNCTION threads_track_closed_at();--> statement-breakpoint
INSERT INTO report_daily_counts (day, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
  SELECT (m.sent_at AT TIME ZONE 'Europe/London')::date, c.type, m.direction, m.kind, m.category, m.risk, m.language, t.team_id, m.author_agent_id, count(*)
  FROM messages m JOIN channels c ON c.id = m.channel_id JOIN threads t ON t.id = m.thread_id
  WHERE m.kind IN ('text', 'auto')
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;--> statement-breakpoint
INSERT INTO report_monthly_counts (month, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, messages)
  SELECT date_trunc('month', day)::date, channel_type, direction, kind, category, risk, language, team_id, author_agent_id, sum(messages)
  FROM report_daily_counts
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;--> statement-breakpoint
INSERT INTO report_hourly_counts (hour, channel_type, direction, kind, messages)
  SELECT date_trunc('hour', m.sent_at AT TIME ZONE 'Europe/London'), c.type, m.direction, m.kind, count(*)
  FROM messages m JOIN channels c ON c.id = m.channel_id
  WHERE m.kind IN ('text', 'auto')
  GROUP BY 1, 2, 3, 4;--> statement-breakpoint
UPDATE threads SET closed_at = coalesce(
  (SELECT max(a.at) FROM audit_events a WHERE a.thread_id = threads.id AND a.action = 'thread.status_changed' AND a.details->>'to' = 'closed'),
  last_message_at)
WHERE status = 'closed';
