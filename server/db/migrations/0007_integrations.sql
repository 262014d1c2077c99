CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"secret" text NOT NULL,
	"event_types" text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_agent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "outcome_kind" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "incident_status" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "incident_number" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "incident_error" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_created_by_agent_id_agents_id_fk" FOREIGN KEY ("created_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries" USING btree ("subscription_id","created_at");--> statement-breakpoint
-- Hand-written: escalations resolved before outcome kinds existed get the kind their free text
-- plainly says (the text is kept beside it); anything else is `not_recorded`, not guessed.
UPDATE escalations SET outcome_kind = CASE
  WHEN outcome ~* '(incident|log(ged)?\s*(no\.?|number)?\s*\d|cad\s*\d)' THEN 'incident_created'
  WHEN outcome ~* '(officers?\s+(deployed|sent|attended|dispatched)|deployed|attended|dispatched)' THEN 'officer_deployed'
  WHEN outcome ~* '(refer(red|ral)?|signposted|partner|social services|ambulance|fire service)' THEN 'referred_to_partner'
  WHEN outcome ~* '(no further action|\mnfa\M)' THEN 'no_further_action'
  WHEN outcome ~* '(advice|advised)' THEN 'advice_given'
  ELSE 'not_recorded'
END
WHERE status = 'resolved' AND outcome_kind IS NULL;
