CREATE TABLE "conversions" (
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"entry_seq" bigint NOT NULL,
	"journey_version_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"converted_at" timestamp with time zone NOT NULL,
	"node_id" text,
	"held_out" boolean DEFAULT false NOT NULL,
	CONSTRAINT "conversions_run_id_contact_id_entry_seq_pk" PRIMARY KEY("run_id","contact_id","entry_seq")
);
--> statement-breakpoint
ALTER TABLE "journey_states" DROP CONSTRAINT "journey_states_status_check";--> statement-breakpoint
ALTER TABLE "journey_states" ADD COLUMN "joined_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_journey_version_id_journey_versions_id_fk" FOREIGN KEY ("journey_version_id") REFERENCES "public"."journey_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversions_version_idx" ON "conversions" USING btree ("journey_version_id");--> statement-breakpoint
ALTER TABLE "journey_states" ADD CONSTRAINT "journey_states_status_check" CHECK ("journey_states"."status" in ('active', 'done', 'exited', 'held_out'));