CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_sends" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "test_sends_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"member_id" uuid,
	"journey_id" uuid,
	"node_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel_account_id" uuid,
	"method" text NOT NULL,
	"recipient" text,
	"status" text NOT NULL,
	"error_code" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_sends_status_check" CHECK ("test_sends"."status" in ('sent', 'failed', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_skip_reason_check";--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_sends" ADD CONSTRAINT "test_sends_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_sends" ADD CONSTRAINT "test_sends_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_sends" ADD CONSTRAINT "test_sends_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "segments_workspace_name_uq" ON "segments" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "test_sends_journey_idx" ON "test_sends" USING btree ("journey_id","created_at");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_skip_reason_check" CHECK ("deliveries"."skip_reason" in ('quota_day', 'quota_week', 'quota_month', 'window_closed', 'quiet_hours', 'no_identity', 'unsubscribed', 'frequency_cap', 'rule_forbidden', 'duplicate', 'too_long'));