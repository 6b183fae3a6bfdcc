ALTER TABLE "journey_states" DROP CONSTRAINT "journey_states_run_id_runs_id_fk";
