ALTER TABLE "journey_entries" DROP CONSTRAINT "journey_entries_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "journey_entries" DROP CONSTRAINT "journey_entries_journey_id_journeys_id_fk";
--> statement-breakpoint
ALTER TABLE "journey_states" DROP CONSTRAINT "journey_states_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "journey_states" DROP CONSTRAINT "journey_states_journey_version_id_journey_versions_id_fk";
