DROP INDEX "journey_entries_queue_idx";--> statement-breakpoint
CREATE INDEX "journey_states_step_idx" ON "journey_states" USING btree ("run_id","node_id","contact_id","entry_seq") WHERE "journey_states"."status" = 'active';--> statement-breakpoint
CREATE INDEX "journey_entries_queue_idx" ON "journey_entries" USING btree ("journey_version_id","id") WHERE "journey_entries"."status" = 'queued';