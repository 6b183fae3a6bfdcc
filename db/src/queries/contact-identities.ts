import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import type { identityKinds } from '../enums';
import { isUniqueViolation } from '../errors';
import { rowsOf } from '../rows';
import { textList } from '../sql-lists';
import { onAccount } from './audience';

/**
 * The contact of the identity (kind, value, account — null for one recorded without an account) in workspace `ws`,
 * as probes of the unique index by all four of its columns, one branch for an account and one for none: with the
 * account compared by `is not distinct from`, which no index can take, the index was read over every identity of
 * the kind in the workspace for each lookup (a plan the table's size, not the lookup, decides: ~950 pages for one
 * fan at 60,000 fans of an account).
 */
export const identityProbe = (ws: SQL, kind: SQL, value: SQL, account: SQL): SQL => sql`
  select ci.contact_id from contact_identities ci where ci.workspace_id = ${ws} and ci.kind = ${kind}
    and ci.channel_account_id = ${account} and ci.value = ${value}
  union all
  select ci.contact_id from contact_identities ci where ${account} is null and ci.workspace_id = ${ws}
    and ci.kind = ${kind} and ci.channel_account_id is null and ci.value = ${value}`;

export interface IdentityLookup {
  workspaceId: string;
  kind: (typeof identityKinds)[number];
  value: string;
  /** The account the identity was seen on (a callback's account); null for kinds valid on every account. */
  channelAccountId: string | null;
}

/**
 * The contact an identity names. Seen on an account, it is first the identity recorded for that
 * account; failing that, the same value recorded with no account (an import that did not know
 * which account it belongs to) is that contact's, and is bound to the account from now on, so
 * the first callback of an account that knows an imported openid finds the imported contact
 * instead of creating a nameless second one. Undefined when no contact has it.
 */
export async function findContactByIdentity(db: HeraldDb, p: IdentityLookup): Promise<string | undefined> {
  const exact = async () =>
    rowsOf<{ contact_id: string }>(
      await db.execute(
        identityProbe(sql`${p.workspaceId}::uuid`, sql`${p.kind}`, sql`${p.value}`, sql`${p.channelAccountId}::uuid`),
      ),
    )[0]?.contact_id;
  const found = await exact();
  if (found || p.channelAccountId === null) return found;
  try {
    const [bound] = rowsOf<{ contact_id: string }>(
      await db.execute(sql`update contact_identities
        set channel_account_id = ${p.channelAccountId}::uuid, updated_at = now()
        where workspace_id = ${p.workspaceId}::uuid and kind = ${p.kind} and value = ${p.value}
          and channel_account_id is null
          and exists (select 1 from channel_accounts a
            where a.id = ${p.channelAccountId}::uuid and a.workspace_id = ${p.workspaceId}::uuid)
        returning contact_id`),
    );
    return bound?.contact_id;
  } catch (error) {
    // Another callback bound or recorded the same identity at this moment: it is there now.
    if (isUniqueViolation(error)) return exact();
    throw error;
  }
}

/**
 * Makes every chat number a dialog contact on the account: a number no contact holds there (on the
 * account, or on every account) becomes a contact named after it (external id
 * `chat:<account>:<number>`) with the number on that account. One statement; returns how many it made.
 */
export async function ensureDialogContacts(
  db: HeraldDb,
  p: { workspaceId: string; channelAccountId: string; numbers: readonly string[] },
): Promise<number> {
  if (p.numbers.length === 0) return 0;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with fresh as (
      select n from unnest(${textList([...new Set(p.numbers)])}) n
      where not exists (select 1 from contact_identities ci
        where ci.workspace_id = ${p.workspaceId}::uuid and ci.kind = 'chat_number' and ci.value = n
          and ${onAccount(p)})),
    made as (
      insert into contacts (workspace_id, external_id, name)
      select ${p.workspaceId}::uuid, 'chat:' || ${p.channelAccountId} || ':' || n, n from fresh
      on conflict (workspace_id, external_id) do update set updated_at = contacts.updated_at returning id, external_id),
    ids as (
      insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
      select ${p.workspaceId}::uuid, id, 'chat_number', ${p.channelAccountId}::uuid,
        substr(external_id, ${`chat:${p.channelAccountId}:`.length + 1}) from made
      on conflict do nothing returning 1)
    select count(*)::int as n from ids`),
  );
  return row?.n ?? 0;
}
