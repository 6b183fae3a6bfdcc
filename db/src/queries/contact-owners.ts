import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf, textList, uuidList } from '../sql-lists';

// The WeCom employees who own each contact (`contact_owners`): set by create, patch and import (by
// WeCom user id), assigned in bulk from the contacts page, or read from WeCom (each employee's
// customers). WeCom messages to contacts go through them.

/** An employee who owns a contact. */
export interface ContactOwner {
  id: string;
  wecomUserId: string;
  name: string;
}

/** Of these WeCom user ids, the ones no employee of the workspace has. */
export async function unknownEmployeeUserIds(
  db: HeraldDb,
  p: { workspaceId: string; userIds: readonly string[] },
): Promise<string[]> {
  const wanted = [...new Set(p.userIds)];
  if (wanted.length === 0) return [];
  const known = new Set(
    rowsOf<{ u: string }>(
      await db.execute(sql`select wecom_user_id as u from employees
        where workspace_id = ${p.workspaceId}::uuid and wecom_user_id = any(${textList(wanted)})`),
    ).map((r) => r.u),
  );
  return wanted.filter((u) => !known.has(u));
}

/** Of these ids, the ones of rows of `table` that are the workspace's. */
async function workspaceRowsAmong(
  db: HeraldDb,
  table: 'employees' | 'contacts',
  p: { workspaceId: string; ids: readonly string[] },
): Promise<string[]> {
  if (p.ids.length === 0) return [];
  const ids = uuidList([...new Set(p.ids)]);
  return rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from ${sql.identifier(table)} where workspace_id = ${p.workspaceId}::uuid and id = any(${ids})`,
    ),
  ).map((r) => r.id);
}

/** Employees of the workspace among these ids; the others are not its. */
export const employeesAmong = (db: HeraldDb, p: { workspaceId: string; ids: readonly string[] }): Promise<string[]> =>
  workspaceRowsAmong(db, 'employees', p);

/** Contacts of the workspace among these ids; the others are not its. */
export const contactsAmong = (db: HeraldDb, p: { workspaceId: string; ids: readonly string[] }): Promise<string[]> =>
  workspaceRowsAmong(db, 'contacts', p);

/** A contact's owners, first assigned first. */
export async function ownersOfContact(db: HeraldDb, p: { contactId: string }): Promise<ContactOwner[]> {
  return rowsOf<ContactOwner>(
    await db.execute(sql`select e.id, e.wecom_user_id as "wecomUserId", e.name from contact_owners o
      join employees e on e.id = o.employee_id where o.contact_id = ${p.contactId}::uuid order by o.created_at, e.id`),
  );
}

/**
 * Adds owners to contacts by external id and WeCom user id (an import's `owner` column), in one
 * statement inside the import's transaction; pairs naming an unknown employee are left out (the
 * caller refuses them first). Owners already there keep their place.
 */
export async function addOwnersByExternalId(
  db: HeraldDb,
  p: { workspaceId: string; pairs: ReadonlyArray<{ externalId: string; userId: string }> },
): Promise<void> {
  if (p.pairs.length === 0) return;
  const pairs = JSON.stringify(p.pairs.map((x, i) => ({ e: x.externalId, u: x.userId, i })));
  await db.execute(sql`
    insert into contact_owners (workspace_id, contact_id, employee_id, created_at)
    select ${p.workspaceId}::uuid, c.id, e.id, now() + x.i * interval '1 microsecond'
    from jsonb_to_recordset(${pairs}::jsonb) as x(e text, u text, i int)
    join contacts c on c.workspace_id = ${p.workspaceId}::uuid and c.external_id = x.e
    join employees e on e.workspace_id = ${p.workspaceId}::uuid and e.wecom_user_id = x.u
    on conflict do nothing`);
}

/**
 * Changes the owners of contacts in one transaction: `add` these employees (kept in the order
 * given), `remove` them, or `replace` every owner by them. Contacts and employees must be the
 * workspace's (the caller checks). Returns how many contacts it changed.
 */
export async function assignOwners(
  db: HeraldDb,
  p: {
    workspaceId: string;
    contactIds: readonly string[];
    employeeIds: readonly string[];
    mode: 'add' | 'remove' | 'replace';
  },
): Promise<number> {
  if (p.contactIds.length === 0) return 0;
  const contacts = uuidList([...new Set(p.contactIds)]);
  const employees = JSON.stringify(p.employeeIds.map((id, i) => ({ id, i })));
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const changed = new Set<string>();
    if (p.mode !== 'add') {
      const keep =
        p.mode === 'replace'
          ? sql`and not (o.employee_id = any(${uuidList(p.employeeIds)}))`
          : sql`and o.employee_id = any(${uuidList(p.employeeIds)})`;
      for (const r of rowsOf<{ id: string }>(
        await tx.execute(sql`delete from contact_owners o where o.workspace_id = ${p.workspaceId}::uuid
          and o.contact_id = any(${contacts}) ${keep} returning o.contact_id as id`),
      ))
        changed.add(r.id);
    }
    if (p.mode !== 'remove') {
      for (const r of rowsOf<{ id: string }>(
        await tx.execute(sql`insert into contact_owners (workspace_id, contact_id, employee_id, created_at)
          select ${p.workspaceId}::uuid, c.id, x.id, now() + x.i * interval '1 microsecond'
          from contacts c cross join jsonb_to_recordset(${employees}::jsonb) as x(id uuid, i int)
          where c.workspace_id = ${p.workspaceId}::uuid and c.id = any(${contacts})
          on conflict do nothing returning contact_id as id`),
      ))
        changed.add(r.id);
    }
    return changed.size;
  });
}

/** A customer of the company as WeCom lists it: their external user id, name and the employees who added them. */
export interface WecomCustomerRecord {
  externalUserId: string;
  name: string;
  followers: readonly string[];
}

/**
 * Files WeCom's customers as contacts, in one transaction: a customer already known by that
 * external user id (any contact with the identity) gets the employees who added them as owners; one
 * not known becomes a contact (external id `wecom:<external userid>`, named as in WeCom) with that
 * identity and those owners. Followers who are not employees here are left out (sync employees
 * first). Returns how many contacts were created, and how many owners were added.
 */
export async function syncCustomers(
  db: HeraldDb,
  p: { workspaceId: string; customers: readonly WecomCustomerRecord[] },
): Promise<{ created: number; owners: number }> {
  if (p.customers.length === 0) return { created: 0, owners: 0 };
  const ws = p.workspaceId;
  const customers = JSON.stringify(p.customers.map((c) => ({ x: c.externalUserId, n: c.name })));
  const pairs = JSON.stringify(p.customers.flatMap((c) => c.followers.map((u, i) => ({ x: c.externalUserId, u, i }))));
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const created = rowsOf<{ id: string }>(
      await tx.execute(sql`
      with fresh as (
        select x.x, x.n from jsonb_to_recordset(${customers}::jsonb) as x(x text, n text)
        where not exists (select 1 from contact_identities ci where ci.workspace_id = ${ws}::uuid
          and ci.kind = 'wecom_external_userid' and ci.value = x.x)),
      made as (
        insert into contacts (workspace_id, external_id, name) select ${ws}::uuid, 'wecom:' || f.x, f.n from fresh f
        on conflict (workspace_id, external_id) do update set updated_at = contacts.updated_at
        returning id, external_id),
      ids as (
        insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
        select ${ws}::uuid, m.id, 'wecom_external_userid', null, substr(m.external_id, 7) from made m
        on conflict do nothing returning contact_id)
      select id from made`),
    );
    const added = rowsOf<{ n: number }>(
      await tx.execute(sql`
      with ins as (
        insert into contact_owners (workspace_id, contact_id, employee_id, created_at)
        select distinct on (ci.contact_id, e.id)
          ${ws}::uuid, ci.contact_id, e.id, now() + x.i * interval '1 microsecond'
        from jsonb_to_recordset(${pairs}::jsonb) as x(x text, u text, i int)
        join contact_identities ci
          on ci.workspace_id = ${ws}::uuid and ci.kind = 'wecom_external_userid' and ci.value = x.x
        join employees e on e.workspace_id = ${ws}::uuid and e.wecom_user_id = x.u
        on conflict do nothing returning 1)
      select count(*)::int as n from ins`),
    );
    return { created: created.length, owners: added[0]?.n ?? 0 };
  });
}

/** The WeCom user id of each of these employees (a send through owners addresses them by it). */
export async function employeeUserIds(
  db: HeraldDb,
  p: { ids: readonly string[] },
): Promise<{ id: string; wecom_user_id: string }[]> {
  return rowsOf<{ id: string; wecom_user_id: string }>(
    await db.execute(sql`
    select id, wecom_user_id from employees where id = any(${uuidList(p.ids)})`),
  );
}
