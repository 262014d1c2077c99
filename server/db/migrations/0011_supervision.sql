ALTER TABLE "agent_teams" ADD COLUMN "last_routed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "replies_need_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "thread_limit" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reviewed_by_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "text_before_review" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "routing_mode" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_reviewed_by_agent_id_agents_id_fk" FOREIGN KEY ("reviewed_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;