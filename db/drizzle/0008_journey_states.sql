CREATE SEQUENCE "public"."journey_visit_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1000;--> statement-breakpoint
CREATE TABLE "journey_states" (
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"entry_seq" bigint NOT NULL,
	"journey_version_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"visit" bigint DEFAULT nextval('journey_visit_seq') NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"awaiting" text,
	"event_at" timestamp with time zone,
	"goal_at" timestamp with time zone,
	CONSTRAINT "journey_states_run_id_contact_id_entry_seq_pk" PRIMARY KEY("run_id","contact_id","entry_seq"),
	CONSTRAINT "journey_states_status_check" CHECK ("journey_states"."status" in ('active', 'done', 'exited'))
);
--> statement-breakpoint
ALTER TABLE "journey_entries" DROP CONSTRAINT "journey_entries_status_check";--> statement-breakpoint
ALTER TABLE "journeys" ADD COLUMN "next_run_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "node_stats" ADD COLUMN "converted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "occurrence_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "journey_states" ADD CONSTRAINT "journey_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_states" ADD CONSTRAINT "journey_states_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_states" ADD CONSTRAINT "journey_states_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_states" ADD CONSTRAINT "journey_states_journey_version_id_journey_versions_id_fk" FOREIGN KEY ("journey_version_id") REFERENCES "public"."journey_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_states_due_idx" ON "journey_states" USING btree ("run_id","due_at") WHERE "journey_states"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "runs_occurrence_uq" ON "runs" USING btree ("journey_version_id","occurrence_at") WHERE "runs"."occurrence_at" is not null;--> statement-breakpoint
ALTER TABLE "journey_entries" ADD CONSTRAINT "journey_entries_status_check" CHECK ("journey_entries"."status" in ('queued', 'entered', 'started', 'skipped', 'failed'));