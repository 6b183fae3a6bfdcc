ALTER TABLE "exports" ADD CONSTRAINT "exports_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_current_version_id_journey_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."journey_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcasts_name_trgm_idx" ON "broadcasts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_type_check" CHECK ("broadcasts"."type" in ('contacts', 'group_chats'));--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_send_type_check" CHECK ("broadcasts"."send_type" in ('immediate', 'timed'));--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_status_check" CHECK ("broadcasts"."status" in ('pending', 'in_progress', 'paused', 'canceled', 'completed', 'failed'));--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_timed_send_at_check" CHECK ("broadcasts"."send_type" <> 'timed' or "broadcasts"."send_at" is not null);--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_kind_check" CHECK ("channel_accounts"."kind" in ('wechat_service', 'wechat_subscription', 'wecom', 'chat_platform', 'email', 'webhook'));--> statement-breakpoint
ALTER TABLE "contact_identities" ADD CONSTRAINT "contact_identities_kind_check" CHECK ("contact_identities"."kind" in ('wechat_openid', 'wecom_external_userid', 'phone', 'email', 'chat_number'));--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_status_check" CHECK ("deliveries"."status" in ('pending', 'sending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped'));--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_skip_reason_check" CHECK ("deliveries"."skip_reason" in ('quota_day', 'quota_week', 'quota_month', 'window_closed', 'quiet_hours', 'no_identity', 'unsubscribed', 'frequency_cap', 'rule_forbidden', 'duplicate'));--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_skipped_reason_check" CHECK ("deliveries"."status" <> 'skipped' or "deliveries"."skip_reason" is not null);--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_format_check" CHECK ("exports"."format" in ('csv', 'xlsx'));--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_status_check" CHECK ("exports"."status" in ('pending', 'ready', 'emailed', 'failed'));--> statement-breakpoint
ALTER TABLE "journey_entries" ADD CONSTRAINT "journey_entries_status_check" CHECK ("journey_entries"."status" in ('queued', 'started', 'skipped', 'failed'));--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_kind_check" CHECK ("journeys"."kind" in ('journey', 'broadcast'));--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_status_check" CHECK ("journeys"."status" in ('draft', 'active', 'paused', 'archived'));--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_kind_check" CHECK ("materials"."kind" in ('image', 'voice', 'video', 'file'));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_role_check" CHECK ("members"."role" in ('owner', 'admin', 'marketer', 'viewer'));--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_kind_check" CHECK ("runs"."kind" in ('broadcast', 'journey'));--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_status_check" CHECK ("runs"."status" in ('pending', 'running', 'paused', 'canceled', 'completed', 'failed'));