import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';

/** What an upsert by natural key changed. */
export interface UpsertCount {
  created: number;
  updated: number;
}

const counted = (rows: Array<{ created: boolean }>): UpsertCount => {
  const created = rows.filter((r) => r.created).length;
  return { created, updated: rows.length - created };
};

/** Adds employees by WeCom user id or renames those already there, in one statement. */
export async function upsertEmployees(
  db: HeraldDb,
  workspaceId: string,
  employees: ReadonlyArray<{ wecomUserId: string; name: string }>,
): Promise<UpsertCount> {
  if (employees.length === 0) return { created: 0, updated: 0 };
  const unique = [...new Map(employees.map((e) => [e.wecomUserId, e])).values()];
  const payload = JSON.stringify(unique.map((e) => ({ u: e.wecomUserId, n: e.name })));
  return counted(
    rowsOf<{ created: boolean }>(
      await db.execute(sql`insert into employees (workspace_id, wecom_user_id, name)
        select ${workspaceId}::uuid, x.u, x.n from jsonb_to_recordset(${payload}::jsonb) as x(u text, n text)
        on conflict (workspace_id, wecom_user_id) do update set name = excluded.name, updated_at = now()
        returning (xmax = 0) as created`),
    ),
  );
}

/**
 * Adds group chats by chat id or updates their name, owner and size, in one statement; the owner
 * is named by WeCom user id and matched to the workspace's employee (none when not an employee).
 */
export async function upsertGroupChats(
  db: HeraldDb,
  workspaceId: string,
  chats: ReadonlyArray<{ chatId: string; name: string; ownerUserId: string; memberCount: number }>,
): Promise<UpsertCount> {
  if (chats.length === 0) return { created: 0, updated: 0 };
  const payload = JSON.stringify(
    [...new Map(chats.map((c) => [c.chatId, c])).values()].map((c) => ({
      c: c.chatId,
      n: c.name,
      o: c.ownerUserId,
      m: c.memberCount,
    })),
  );
  return counted(
    rowsOf<{ created: boolean }>(
      await db.execute(sql`insert into group_chats (workspace_id, chat_id, name, owner_employee_id, member_count)
        select ${workspaceId}::uuid, x.c, x.n, e.id, x.m
        from jsonb_to_recordset(${payload}::jsonb) as x(c text, n text, o text, m int)
        left join employees e on e.workspace_id = ${workspaceId}::uuid and e.wecom_user_id = x.o
        on conflict (workspace_id, chat_id) do update set name = excluded.name,
          owner_employee_id = coalesce(excluded.owner_employee_id, group_chats.owner_employee_id),
          member_count = excluded.member_count, updated_at = now()
        returning (xmax = 0) as created`),
    ),
  );
}

/** How far a workspace has come, for the getting-started checklist: whether each step has been done. */
export async function workspaceProgress(
  db: HeraldDb,
  workspaceId: string,
): Promise<{ channelConnected: boolean; contactsImported: boolean; somethingDrawn: boolean }> {
  const [row] = rowsOf<{ accounts: boolean; contacts: boolean; drawn: boolean }>(
    await db.execute(sql`select
      exists (select 1 from channel_accounts
        where workspace_id = ${workspaceId}::uuid and disabled_at is null) as accounts,
      exists (select 1 from contacts where workspace_id = ${workspaceId}::uuid) as contacts,
      exists (select 1 from journeys where workspace_id = ${workspaceId}::uuid and status <> 'archived') as drawn`),
  );
  return {
    channelConnected: row?.accounts === true,
    contactsImported: row?.contacts === true,
    somethingDrawn: row?.drawn === true,
  };
}
