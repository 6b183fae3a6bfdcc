ALTER TABLE "members" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_locale_check" CHECK ("members"."locale" in ('en', 'zh-CN'));