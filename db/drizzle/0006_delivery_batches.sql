CREATE TABLE "delivery_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"entry_seq" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"first_row_id" bigint,
	"last_row_id" bigint,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "delivery_batches_status_check" CHECK ("delivery_batches"."status" in ('sending', 'sent', 'failed'))
);
--> statement-breakpoint
DROP INDEX "contact_identities_contact_idx";--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "batch_id" bigint;--> statement-breakpoint
ALTER TABLE "delivery_batches" ADD CONSTRAINT "delivery_batches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_batches" ADD CONSTRAINT "delivery_batches_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_batches_run_idx" ON "delivery_batches" USING btree ("run_id","node_id","status");--> statement-breakpoint
CREATE INDEX "delivery_batches_provider_msg_idx" ON "delivery_batches" USING btree ("provider_message_id") WHERE provider_message_id is not null;--> statement-breakpoint
CREATE INDEX "contact_identities_contact_idx" ON "contact_identities" USING btree ("contact_id","kind","channel_account_id");