ALTER TABLE "channel_accounts" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "broadcasts_content_trgm_idx" ON "broadcasts" USING gin ("content_summary" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contact_identities_value_prefix_idx" ON "contact_identities" USING btree ("workspace_id","value" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);