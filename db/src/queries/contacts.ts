import { and, eq, sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { contacts, type identityKinds } from '../schema/contacts';
import { addOwnersByExternalId } from './contact-owners';

type IdentityKind = (typeof identityKinds)[number];

/** A workspace's contact, by id (undefined when it is another workspace's, or none). */
export async function contactOf(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string },
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.id, p.contactId), eq(contacts.workspaceId, p.workspaceId)));
  return row;
}

/** Whether a contact is the workspace's. */
export async function contactExists(db: HeraldDb, p: { workspaceId: string; contactId: string }): Promise<boolean> {
  return (await contactOf(db, p)) !== undefined;
}

/** An address of a contact on a channel (on one account, or on every account when null). */
export interface IdentityRef {
  kind: IdentityKind;
  value: string;
  channelAccountId: string | null;
}

/** The contact with this external id, created (named `name`) when there is none; returns its id. */
export async function ensureContact(
  db: HeraldDb,
  p: { workspaceId: string; externalId: string; name: string },
): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into contacts (workspace_id, external_id, name)
      values (${p.workspaceId}::uuid, ${p.externalId}, ${p.name})
      on conflict (workspace_id, external_id) do update set updated_at = contacts.updated_at returning id`),
  );
  return row!.id;
}

/** Gives a contact an identity (kept once; an account of another workspace is not taken). */
export async function addIdentity(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string } & IdentityRef,
): Promise<void> {
  await db.execute(sql`insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
    select ${p.workspaceId}::uuid, ${p.contactId}::uuid, ${p.kind}, ${p.channelAccountId}::uuid, ${p.value}
    where ${p.channelAccountId}::uuid is null
      or exists (select 1 from channel_accounts
        where id = ${p.channelAccountId}::uuid and workspace_id = ${p.workspaceId}::uuid)
    on conflict do nothing`);
}

/** A contact to create or update by external id, with identities and tags (names). */
export interface ContactUpsert {
  externalId: string;
  name: string;
  attributes: Record<string, unknown>;
  timezone?: string | undefined;
  identities: Array<{ kind: IdentityKind; value: string; channelAccountId?: string | null | undefined }>;
  tags: string[];
  /** WeCom user ids of employees who own the contact (added to its owners; the caller checks they exist). */
  owners?: string[] | undefined;
}

/**
 * Creates or updates contacts by external id, with their identities and tags, in four set-based
 * statements whatever the count (100,000 rows a request), in one transaction: all or nothing.
 * Attributes are merged; identities, tags and owners are added (an account of another workspace is not taken).
 */
export async function upsertContacts(
  db: HeraldDb,
  p: { workspaceId: string; items: readonly ContactUpsert[] },
): Promise<{ created: number; updated: number }> {
  if (p.items.length === 0) return { created: 0, updated: 0 };
  const unique = [...new Map(p.items.map((i) => [i.externalId, i])).values()];
  const ws = p.workspaceId;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const rows = JSON.stringify(
      unique.map((i) => ({ e: i.externalId, n: i.name, a: i.attributes, t: i.timezone ?? null })),
    );
    const upserted = rowsOf<{ created: boolean }>(
      await tx.execute(sql`
      insert into contacts (workspace_id, external_id, name, attributes, timezone)
      select ${ws}::uuid, x.e, x.n, x.a, x.t
      from jsonb_to_recordset(${rows}::jsonb) as x(e text, n text, a jsonb, t text)
      on conflict (workspace_id, external_id) do update set name = excluded.name,
        attributes = contacts.attributes || excluded.attributes,
        timezone = coalesce(excluded.timezone, contacts.timezone),
        updated_at = now()
      returning (xmax = 0) as created`),
    );
    const identities = JSON.stringify(
      unique.flatMap((i) =>
        i.identities.map((id) => ({ e: i.externalId, k: id.kind, v: id.value, c: id.channelAccountId ?? null })),
      ),
    );
    await tx.execute(sql`
      insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
      select ${ws}::uuid, c.id, x.k, x.c, x.v
      from jsonb_to_recordset(${identities}::jsonb) as x(e text, k text, v text, c uuid)
      join contacts c on c.workspace_id = ${ws}::uuid and c.external_id = x.e
      where x.c is null or exists (select 1 from channel_accounts a where a.id = x.c and a.workspace_id = ${ws}::uuid)
      on conflict (workspace_id, kind, channel_account_id, value) do nothing`);
    const tagNames = [...new Set(unique.flatMap((i) => i.tags))];
    if (tagNames.length > 0) {
      await tx.execute(sql`insert into tags (workspace_id, name)
        select ${ws}::uuid, n from jsonb_array_elements_text(${JSON.stringify(tagNames)}::jsonb) n
        on conflict do nothing`);
      const pairs = JSON.stringify(unique.flatMap((i) => i.tags.map((t) => ({ e: i.externalId, t }))));
      await tx.execute(sql`
        insert into contact_tags (workspace_id, contact_id, tag_id)
        select ${ws}::uuid, c.id, t.id from jsonb_to_recordset(${pairs}::jsonb) as x(e text, t text)
        join contacts c on c.workspace_id = ${ws}::uuid and c.external_id = x.e
        join tags t on t.workspace_id = ${ws}::uuid and t.name = x.t
        on conflict do nothing`);
    }
    await addOwnersByExternalId(tx, {
      workspaceId: ws,
      pairs: unique.flatMap((i) => (i.owners ?? []).map((userId) => ({ externalId: i.externalId, userId }))),
    });
    const created = upserted.filter((r) => r.created).length;
    return { created, updated: upserted.length - created };
  });
}
