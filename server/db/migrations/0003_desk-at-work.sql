CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shortcut" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_by_agent_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"urgency" text NOT NULL,
	"status" text DEFAULT 'raised' NOT NULL,
	"raised_by_agent_id" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by_agent_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"outcome" text,
	"resolved_by_agent_id" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_type" text,
	"risk" text NOT NULL,
	"minutes" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(display_name, '') || ' ' || coalesce(handle, ''))) STORED;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, ''))) STORED;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_updated_by_agent_id_agents_id_fk" FOREIGN KEY ("updated_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_raised_by_agent_id_agents_id_fk" FOREIGN KEY ("raised_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_acknowledged_by_agent_id_agents_id_fk" FOREIGN KEY ("acknowledged_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_resolved_by_agent_id_agents_id_fk" FOREIGN KEY ("resolved_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "canned_responses_shortcut_language_unique" ON "canned_responses" USING btree ("shortcut","language");--> statement-breakpoint
CREATE INDEX "escalations_thread_idx" ON "escalations" USING btree ("thread_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_channel_risk_unique" ON "sla_policies" USING btree ("channel_type","risk");--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_merged_into_id_threads_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "threads_attention_idx" ON "threads" USING btree ((case risk when 'emergency' then 0 when 'priority' then 1 else 2 end),"created_at","id") WHERE status in ('new', 'open', 'pending');--> statement-breakpoint
CREATE INDEX "threads_assignee_idx" ON "threads" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "threads_team_idx" ON "threads" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "threads_sla_due_idx" ON "threads" USING btree ("sla_due_at") WHERE first_response_at is null;--> statement-breakpoint
CREATE INDEX "threads_tags_idx" ON "threads" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "threads_search_idx" ON "threads" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "threads_contact_idx" ON "threads" USING btree ("contact_id");--> statement-breakpoint
-- Written by hand (drizzle-kit does not generate triggers): a thread's search document grows with each message, so a search for a common word can read
-- threads newest first and stop at a page, instead of collecting every matching message.
CREATE FUNCTION messages_feed_thread_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE threads SET search_vector = search_vector || NEW.search_vector WHERE id = NEW.thread_id;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER messages_feed_thread_search AFTER INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION messages_feed_thread_search();--> statement-breakpoint
UPDATE threads SET search_vector = coalesce((SELECT to_tsvector('simple', string_agg(text, ' ')) FROM messages WHERE thread_id = threads.id), ''::tsvector);
