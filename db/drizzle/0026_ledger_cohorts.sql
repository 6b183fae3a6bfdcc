CREATE TABLE "journey_cohorts" (
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"journey_version_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"after_id" text NOT NULL,
	"until_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"members" integer NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "journey_cohorts_run_id_node_id_after_id_pk" PRIMARY KEY("run_id","node_id","after_id")
);
--> statement-breakpoint
ALTER TABLE "journey_cohorts" ADD CONSTRAINT "journey_cohorts_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;