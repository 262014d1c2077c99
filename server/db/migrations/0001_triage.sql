ALTER TABLE "messages" ADD COLUMN "risk" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "risk_reasons" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "is_risk_overridden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "linked_thread_id" uuid;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "last_auto_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "last_auto_reply_was_emergency" boolean DEFAULT false NOT NULL;