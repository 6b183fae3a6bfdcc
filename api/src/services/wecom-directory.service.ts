import {
  channelAccountOf,
  decryptSecret,
  syncCustomers,
  upsertEmployees,
  upsertGroupChats,
  type UpsertCount,
} from '@herald/db';
import {
  ChannelError,
  TokenCache,
  WecomAdapter,
  wecomCustomers,
  wecomGroupChats,
  wecomMembers,
} from '@herald/channels';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';

// The address book is read rarely (a member presses Sync): one token cache for the process is plenty.
const adapter = new WecomAdapter(new TokenCache());

/** A workspace's WeCom account with its credentials, as the channels' WeCom calls take it. */
type WecomAccount = Awaited<ReturnType<typeof wecomAccountOf>>;

/** A workspace's WeCom account with its credentials, or 404/422. */
async function wecomAccountOf(deps: AppDeps, workspaceId: string, accountId: string) {
  const row = await channelAccountOf(deps.db, { workspaceId, id: accountId });
  if (!row) throw notFound('The channel account');
  if (row.kind !== 'wecom')
    throw HeraldError.of('HERALD_ERR_ACCOUNT_KIND', { what: 'Employees and group chats', kind: 'WeCom' });
  return {
    id: row.id,
    kind: row.kind,
    baseUrl: row.baseUrl,
    settings: row.settings,
    credentials: JSON.parse(decryptSecret(row.credentialsEncrypted, deps.secretKey)) as Record<string, string>,
  };
}

/** Reads from WeCom with `read`; a provider refusal or absence becomes a 502 saying what WeCom answered. */
async function fromWecom<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    throw HeraldError.of('HERALD_ERR_PROVIDER_REFUSED', { platform: 'WeCom', problem: error.message });
  }
}

/** A WeCom account's members made the workspace's employees (new ones added, known ones renamed); the members read. */
async function syncMembers(deps: AppDeps, workspaceId: string, account: WecomAccount) {
  const members = await fromWecom(() => wecomMembers(adapter, account));
  const employees = members.map((m) => ({ wecomUserId: m.userid, name: m.name }));
  return { members, employees: await upsertEmployees(deps.db, workspaceId, employees) };
}

/** Reads a WeCom account's members (its address book) into the workspace's employees. */
export async function syncWecomEmployees(deps: AppDeps, workspaceId: string, accountId: string): Promise<UpsertCount> {
  return (await syncMembers(deps, workspaceId, await wecomAccountOf(deps, workspaceId, accountId))).employees;
}

/** Reads a WeCom account's customer group chats into the workspace's group chats (their owners by WeCom user id). */
export async function syncWecomGroupChats(deps: AppDeps, workspaceId: string, accountId: string): Promise<UpsertCount> {
  const account = await wecomAccountOf(deps, workspaceId, accountId);
  const chats = await fromWecom(() => wecomGroupChats(adapter, account));
  return upsertGroupChats(
    deps.db,
    workspaceId,
    chats.map((c) => ({ chatId: c.chatId, name: c.name, ownerUserId: c.owner, memberCount: c.memberCount })),
  );
}

/**
 * Reads every employee's customers from a WeCom account: the company's members become (or stay)
 * employees, then each one's customers (batch/get_by_user) become contacts — matched by external
 * user id, else created — owned by the members who added them.
 */
export async function syncWecomCustomers(
  deps: AppDeps,
  workspaceId: string,
  accountId: string,
): Promise<{ employees: UpsertCount; customers: number; created: number; owners: number }> {
  const account = await wecomAccountOf(deps, workspaceId, accountId);
  const { members, employees } = await syncMembers(deps, workspaceId, account);
  const userids = members.map((m) => m.userid);
  const customers = await fromWecom(() => wecomCustomers(adapter, account, userids));
  const synced = await syncCustomers(deps.db, { workspaceId, customers });
  return { employees, customers: customers.length, ...synced };
}
