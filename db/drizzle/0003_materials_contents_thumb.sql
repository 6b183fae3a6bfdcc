CREATE TABLE "material_contents" (
	"material_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "materials" DROP CONSTRAINT "materials_kind_check";--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "material_contents" ADD CONSTRAINT "material_contents_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_contents" ADD CONSTRAINT "material_contents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_kind_check" CHECK ("materials"."kind" in ('image', 'voice', 'video', 'thumb', 'file'));