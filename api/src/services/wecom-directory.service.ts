import { channelAccountOf, decryptSecret, syncCustomers, upsertEmployees } from '@herald/db';
import {
  ChannelError,
  TokenCache,
  WecomAdapter,
  wecomCustomers,
  wecomGroupChats,
  wecomMembers,
  type WecomGroupChatRecord,
  type WecomMemberRecord,
} from '@herald/channels';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';

// The address book is read rarely (a member presses Sync): one token cache for the process is plenty.
const adapter = new WecomAdapter(new TokenCache());

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

/** A provider's refusal as the API reports it (502, saying what WeCom answered). */
const refusal = (error: unknown): unknown =>
  error instanceof ChannelError
    ? HeraldError.of('HERALD_ERR_PROVIDER_REFUSED', { platform: 'WeCom', problem: error.message })
    : error;

/**
 * Reads every employee's customers from a WeCom account: the company's members become (or stay)
 * employees, then each one's customers (batch/get_by_user) become contacts — matched by external
 * user id, else created — owned by the members who added them.
 */
export async function syncWecomCustomers(
  deps: AppDeps,
  workspaceId: string,
  accountId: string,
): Promise<{ employees: { created: number; updated: number }; customers: number; created: number; owners: number }> {
  const account = await wecomAccountOf(deps, workspaceId, accountId);
  try {
    const members = await wecomMembers(adapter, account);
    const employees = await upsertEmployees(
      deps.db,
      workspaceId,
      members.map((m) => ({ wecomUserId: m.userid, name: m.name })),
    );
    const customers = await wecomCustomers(
      adapter,
      account,
      members.map((m) => m.userid),
    );
    const synced = await syncCustomers(deps.db, { workspaceId, customers });
    return { employees, customers: customers.length, ...synced };
  } catch (error) {
    throw refusal(error);
  }
}

/**
 * Reads a WeCom account's members or customer group chats. A provider refusal or absence becomes
 * a 502 whose message says what WeCom answered, so the page can show it.
 */
export async function readWecomDirectory(
  deps: AppDeps,
  workspaceId: string,
  accountId: string,
  what: 'members' | 'groupChats',
): Promise<{ members: WecomMemberRecord[]; groupChats: WecomGroupChatRecord[] }> {
  const account = await wecomAccountOf(deps, workspaceId, accountId);
  try {
    return what === 'members'
      ? { members: await wecomMembers(adapter, account), groupChats: [] }
      : { members: [], groupChats: await wecomGroupChats(adapter, account) };
  } catch (error) {
    throw refusal(error);
  }
}
