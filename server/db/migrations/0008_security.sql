ALTER TABLE "agents" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "oidc_subject" text;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "agents_oidc_identity_unique" ON "agents" USING btree ("oidc_issuer","oidc_subject");--> statement-breakpoint
CREATE INDEX "threads_retention_idx" ON "threads" USING btree ("closed_at") WHERE purged_at is null;