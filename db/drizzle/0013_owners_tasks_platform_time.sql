CREATE TABLE "contact_owners" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_owners_contact_id_employee_id_pk" PRIMARY KEY("contact_id","employee_id")
);
--> statement-breakpoint
CREATE TABLE "delivery_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"batch_id" bigint,
	"employee_id" uuid,
	"channel_account_id" uuid,
	"method" text NOT NULL,
	"provider_message_id" text,
	"delivery_id" bigint,
	"targets" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"undelivered" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error_code" text,
	"reminders" integer DEFAULT 0 NOT NULL,
	"notified_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_tasks_status_check" CHECK ("delivery_tasks"."status" in ('pending', 'sent', 'declined', 'expired', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "broadcasts" DROP CONSTRAINT "broadcasts_status_check";--> statement-breakpoint
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_status_check";--> statement-breakpoint
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_skip_reason_check";--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_owner_employee_id_employees_id_fk";
--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD COLUMN "quota_time_zone" text;--> statement-breakpoint
ALTER TABLE "contact_owners" ADD CONSTRAINT "contact_owners_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_owners" ADD CONSTRAINT "contact_owners_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_owners" ADD CONSTRAINT "contact_owners_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_owners_employee_idx" ON "contact_owners" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "delivery_tasks_run_idx" ON "delivery_tasks" USING btree ("run_id","node_id","status");--> statement-breakpoint
CREATE INDEX "delivery_tasks_provider_msg_idx" ON "delivery_tasks" USING btree ("provider_message_id") WHERE provider_message_id is not null;--> statement-breakpoint
CREATE INDEX "delivery_tasks_waiting_idx" ON "delivery_tasks" USING btree ("created_at") WHERE status = 'pending' and delivery_id is not null;--> statement-breakpoint
-- Added by hand to the generated migration: every contact keeps its one owner, now in contact_owners.
INSERT INTO "contact_owners" ("workspace_id", "contact_id", "employee_id", "created_at") SELECT "workspace_id", "id", "owner_employee_id", "updated_at" FROM "contacts" WHERE "owner_employee_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "owner_employee_id";--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_status_check" CHECK ("broadcasts"."status" in ('draft', 'pending', 'in_progress', 'paused', 'canceled', 'completed', 'failed', 'awaiting_approval', 'rejected'));--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_status_check" CHECK ("deliveries"."status" in ('pending', 'sending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped', 'pending_employee', 'declined', 'expired'));--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_skip_reason_check" CHECK ("deliveries"."skip_reason" in ('quota_day', 'quota_week', 'quota_month', 'window_closed', 'quiet_hours', 'no_identity', 'no_owner', 'unsubscribed', 'frequency_cap', 'rule_forbidden', 'duplicate', 'too_long'));