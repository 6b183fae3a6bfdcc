CREATE TABLE "experiment_decisions" (
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"winner" text NOT NULL,
	"metric" text NOT NULL,
	"p_value" double precision,
	"confidence" double precision,
	"significant" boolean NOT NULL,
	"figures" jsonb NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "experiment_decisions_run_id_node_id_pk" PRIMARY KEY("run_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "broadcasts" DROP CONSTRAINT "broadcasts_send_type_check";--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "local_time" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "variant" text;--> statement-breakpoint
ALTER TABLE "experiment_decisions" ADD CONSTRAINT "experiment_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_decisions" ADD CONSTRAINT "experiment_decisions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_local_time_check" CHECK ("broadcasts"."send_type" <> 'local_time' or "broadcasts"."local_time" is not null);--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_send_type_check" CHECK ("broadcasts"."send_type" in ('immediate', 'timed', 'local_time'));