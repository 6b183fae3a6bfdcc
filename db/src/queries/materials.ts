import { and, desc, eq, sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { columnsOf } from '../public-columns';
import { firstRow, isWorkspaceRow, type WorkspaceRowKey } from '../workspace-row';
import { rowsOf, updateRow } from '../rows';
import { materialContents, materials, type materialKinds } from '../schema/channels';
import { members } from '../schema/workspaces';
import { isUuid, uuidList } from '../sql-lists';

export type MaterialKind = (typeof materialKinds)[number];

const listColumns = {
  ...columnsOf(materials, [
    'id',
    'kind',
    'filename',
    'mime',
    'size',
    'sha256',
    'platformMediaIds',
    'createdAt',
    'updatedAt',
  ]),
  createdBy: members.name,
};

/** Materials with the name of who uploaded each. */
const materialsWithUploader = (db: HeraldDb) =>
  db.select(listColumns).from(materials).leftJoin(members, eq(members.id, materials.createdBy));

/** A material as its pages show it, with its uploader's name. */
export interface MaterialRow {
  id: string;
  kind: MaterialKind;
  filename: string;
  mime: string;
  size: number;
  sha256: string | null;
  platformMediaIds: Record<string, string>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A workspace's material (undefined when it is another workspace's, or none). */
export async function materialOf(db: HeraldDb, p: WorkspaceRowKey): Promise<MaterialRow | undefined> {
  return firstRow(materialsWithUploader(db).where(isWorkspaceRow(materials, p)));
}

/** A page of a workspace's materials, newest first, optionally of one kind, after `cursor` (a material id). */
export async function listMaterials(
  db: HeraldDb,
  p: { workspaceId: string; kind?: MaterialKind | undefined; cursor?: string | undefined; limit: number },
): Promise<MaterialRow[]> {
  return materialsWithUploader(db)
    .where(
      and(
        eq(materials.workspaceId, p.workspaceId),
        p.kind ? eq(materials.kind, p.kind) : undefined,
        p.cursor
          ? sql`(${materials.createdAt}, ${materials.id}) < (select m.created_at, m.id from materials m
              where m.id = ${p.cursor}::uuid and m.workspace_id = ${p.workspaceId}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(materials.createdAt), desc(materials.id))
    .limit(p.limit);
}

/** A checked upload to store. */
export interface NewMaterialRow {
  workspaceId: string;
  kind: MaterialKind;
  filename: string;
  mime: string;
  bytes: Buffer;
  sha256: string;
  platformMediaIds: Record<string, string>;
  createdBy: string | null;
}

/** Stores a material and its bytes (in the database, shared by every replica), in one transaction; returns its id. */
export async function insertMaterial(db: HeraldDb, p: NewMaterialRow): Promise<string> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const { bytes, ...row } = p;
    const [inserted] = await tx
      .insert(materials)
      .values({ ...row, size: bytes.length, storagePath: 'db:material_contents' })
      .returning({ id: materials.id });
    await tx.insert(materialContents).values({ materialId: inserted!.id, workspaceId: p.workspaceId, bytes });
    return inserted!.id;
  });
}

/** Keeps which platform accounts still hold a material (as it is deleted from them one by one). */
export async function setPlatformMediaIds(
  db: HeraldDb,
  p: { id: string; platformMediaIds: Record<string, string> },
): Promise<void> {
  await updateRow(db, materials, p.id, { platformMediaIds: p.platformMediaIds });
}

/** Deletes a material and its bytes. */
export async function deleteMaterialRow(db: HeraldDb, p: { id: string }): Promise<void> {
  await db.delete(materials).where(eq(materials.id, p.id));
}

/**
 * Names of up to `limit` journeys of the workspace that use a material and may still send it: not
 * archived, and for broadcasts, not over. The id is a uuid: finding it anywhere in a graph's JSON is
 * finding its use (jsonb text spacing varies).
 */
export async function journeysUsingMaterial(
  db: HeraldDb,
  p: { workspaceId: string; materialId: string; limit: number },
): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select j.name from journeys j left join broadcasts b on b.journey_id = j.id
      where j.workspace_id = ${p.workspaceId}::uuid and j.status <> 'archived'
        and (b.id is null or b.status in ('pending', 'in_progress', 'paused'))
        and j.draft_graph::text like ${`%${p.materialId}%`} limit ${p.limit}`),
  );
  return rows.map((r) => r.name);
}

/** Which of `ids` are the workspace's materials, with the platform accounts that hold each. */
export async function materialsAmong(
  db: HeraldDb,
  p: { workspaceId: string; ids: readonly string[] },
): Promise<Array<{ id: string; platformMediaIds: Record<string, string> }>> {
  const ids = p.ids.filter(isUuid);
  if (ids.length === 0) return [];
  return db
    .select({ id: materials.id, platformMediaIds: materials.platformMediaIds })
    .from(materials)
    .where(and(eq(materials.workspaceId, p.workspaceId), sql`${materials.id} = any(${uuidList(ids)})`));
}

/** A material as a send attaches it: what the platform holds it by on one account (`media`, raw). */
export interface MaterialOnAccount {
  id: string;
  kind: MaterialKind;
  filename: string;
  mime: string;
  /** WeChat: the permanent media id (a string); WeCom: `{ mediaId, expiresAt }` of its temporary media. */
  media: unknown;
}

/**
 * The materials among `ids` of the account's own workspace, each with what the account holds it
 * by: its permanent media id (WeChat) or its temporary media (WeCom).
 */
export async function materialsOnAccount(
  db: HeraldDb,
  p: { accountId: string; ids: readonly string[]; permanent: boolean },
): Promise<MaterialOnAccount[]> {
  const ids = p.ids.filter(isUuid);
  if (ids.length === 0) return [];
  return rowsOf<MaterialOnAccount>(
    await db.execute(sql`
    select m.id::text, m.kind, m.filename, m.mime,
      case when ${p.permanent} then m.platform_media_ids else m.temporary_media end -> ${p.accountId} as media
    from materials m where m.id = any(${uuidList(ids)})
      and m.workspace_id = (select workspace_id from channel_accounts where id = ${p.accountId}::uuid)`),
  );
}

/** A material's bytes (undefined when it has none). */
export async function materialBytes(db: HeraldDb, p: { materialId: string }): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ bytes: materialContents.bytes })
    .from(materialContents)
    .where(eq(materialContents.materialId, p.materialId));
  return row?.bytes;
}

/** Keeps the temporary media an account uploaded a material as (WeCom, 3 days). */
export async function keepTemporaryMedia(
  db: HeraldDb,
  p: { materialId: string; accountId: string; media: { mediaId: string; expiresAt: string } },
): Promise<void> {
  await db.execute(sql`update materials
    set temporary_media = temporary_media
        || jsonb_build_object(${p.accountId}::text, ${JSON.stringify(p.media)}::jsonb),
      updated_at = now()
    where id = ${p.materialId}::uuid`);
}
