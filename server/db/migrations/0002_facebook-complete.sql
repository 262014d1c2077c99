ALTER TABLE "channels" ADD COLUMN "human_agent_tag_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "author_label" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_to_platform_message_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "interaction" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reactions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "edit_count" integer DEFAULT 0 NOT NULL;