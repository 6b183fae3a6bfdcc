CREATE TABLE "early_callbacks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "early_callbacks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"channel_account_id" uuid NOT NULL,
	"source" text NOT NULL,
	"msgid" text NOT NULL,
	"userid" text NOT NULL,
	"action" text NOT NULL,
	"detail" text,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "early_callbacks_source_check" CHECK ("early_callbacks"."source" in ('employee', 'receipt', 'job')),
	CONSTRAINT "early_callbacks_action_check" CHECK ("early_callbacks"."action" in ('sent', 'delivered', 'declined', 'read', 'replied', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "early_callbacks" ADD CONSTRAINT "early_callbacks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_callbacks" ADD CONSTRAINT "early_callbacks_channel_account_id_channel_accounts_id_fk" FOREIGN KEY ("channel_account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "early_callbacks_key" ON "early_callbacks" USING btree ("channel_account_id","msgid","source","userid","action");--> statement-breakpoint
CREATE INDEX "early_callbacks_received_idx" ON "early_callbacks" USING btree ("received_at");