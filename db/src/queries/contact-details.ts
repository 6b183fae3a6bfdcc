import { and, eq, sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { firstRow, idInWorkspace, isWorkspaceRow } from '../workspace-row';
import { updateRow } from '../rows';
import { textList, uuidList } from '../sql-lists';
import { contactIdentities, contactTags, contacts, tags, type identityKinds } from '../schema/contacts';
import { employees } from '../schema/workspaces';
import { ownersOfContact, type ContactOwner } from './contact-owners';

// One contact as its page shows it, and the edits made on that page: fields, owners, tags.

/** A contact with its identities, tags and owners. */
export interface ContactDetail {
  id: string;
  externalId: string | null;
  name: string;
  attributes: Record<string, unknown>;
  unsubscribed: boolean;
  identities: Array<{ kind: (typeof identityKinds)[number]; value: string; channelAccountId: string | null }>;
  tags: Array<{ id: string; name: string }>;
  owners: ContactOwner[];
  createdAt: Date;
}

/** A workspace's contact with its identities, tags and owners (undefined when it is not the workspace's). */
export async function contactDetail(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string },
): Promise<ContactDetail | undefined> {
  const row = await firstRow(
    db
      .select()
      .from(contacts)
      .where(isWorkspaceRow(contacts, { workspaceId: p.workspaceId, id: p.contactId })),
  );
  if (!row) return undefined;
  const identities = await db
    .select({
      kind: contactIdentities.kind,
      value: contactIdentities.value,
      channelAccountId: contactIdentities.channelAccountId,
    })
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, p.contactId));
  const tagRows = await db
    .select({ id: tags.id, name: tags.name })
    .from(contactTags)
    .innerJoin(tags, eq(tags.id, contactTags.tagId))
    .where(eq(contactTags.contactId, p.contactId));
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    attributes: row.attributes,
    unsubscribed: row.unsubscribed,
    identities,
    tags: tagRows,
    owners: await ownersOfContact(db, { contactId: p.contactId }),
    createdAt: row.createdAt,
  };
}

/** The id of the workspace's contact with this external id, if any. */
export async function contactIdByExternalId(
  db: HeraldDb,
  p: { workspaceId: string; externalId: string },
): Promise<string | undefined> {
  return idInWorkspace(db, contacts, p.workspaceId, eq(contacts.externalId, p.externalId));
}

/** The ids of the employees with these WeCom user ids, in the order given; unknown user ids are left out. */
export async function employeeIdsByUserIds(
  db: HeraldDb,
  p: { workspaceId: string; userIds: readonly string[] },
): Promise<string[]> {
  const rows = await db
    .select({ id: employees.id, userId: employees.wecomUserId })
    .from(employees)
    .where(
      and(eq(employees.workspaceId, p.workspaceId), sql`${employees.wecomUserId} = any(${textList([...p.userIds])})`),
    );
  const byUser = new Map(rows.map((r) => [r.userId, r.id]));
  return [...new Set(p.userIds)].map((u) => byUser.get(u)!).filter(Boolean);
}

/** Changes a contact's name or unsubscribed flag and merges `attributes` into its own (keys given replace theirs). */
export async function updateContact(
  db: HeraldDb,
  p: { contactId: string; name?: string; unsubscribed?: boolean; attributes?: Record<string, unknown> },
): Promise<void> {
  const { contactId, attributes, ...fields } = p;
  await updateRow(db, contacts, contactId, {
    ...fields,
    ...(attributes ? { attributes: sql`${contacts.attributes} || ${JSON.stringify(attributes)}::jsonb` } : {}),
  });
}

/** Tags a contact (each tag kept once); false, tagging nothing, when one of the tags is not the workspace's. */
export async function tagContact(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string; tagIds: readonly string[] },
): Promise<boolean> {
  const owned = await db
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.workspaceId, p.workspaceId), sql`${tags.id} = any(${uuidList(p.tagIds)})`));
  if (owned.length !== new Set(p.tagIds).size) return false;
  await db
    .insert(contactTags)
    .values(owned.map((t) => ({ workspaceId: p.workspaceId, contactId: p.contactId, tagId: t.id })))
    .onConflictDoNothing();
  return true;
}

/** Takes a tag off a workspace's contact. */
export async function untagContact(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string; tagId: string },
): Promise<void> {
  await db
    .delete(contactTags)
    .where(
      and(
        eq(contactTags.contactId, p.contactId),
        eq(contactTags.tagId, p.tagId),
        eq(contactTags.workspaceId, p.workspaceId),
      ),
    );
}
