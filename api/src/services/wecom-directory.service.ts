import { channelAccountOf, decryptSecret } from '@herald/db';
import {
  ChannelError,
  TokenCache,
  WecomAdapter,
  wecomGroupChats,
  wecomMembers,
  type WecomGroupChatRecord,
  type WecomMemberRecord,
} from '@herald/channels';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';

// The address book is read rarely (a member presses Sync): one token cache for the process is plenty.
const adapter = new WecomAdapter(new TokenCache());

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
  const row = await channelAccountOf(deps.db, { workspaceId, id: accountId });
  if (!row) throw notFound('The channel account');
  if (row.kind !== 'wecom')
    throw HeraldError.of('HERALD_ERR_ACCOUNT_KIND', { what: 'Employees and group chats', kind: 'WeCom' });
  const account = {
    id: row.id,
    kind: row.kind,
    baseUrl: row.baseUrl,
    settings: row.settings,
    credentials: JSON.parse(decryptSecret(row.credentialsEncrypted, deps.secretKey)) as Record<string, string>,
  };
  try {
    return what === 'members'
      ? { members: await wecomMembers(adapter, account), groupChats: [] }
      : { members: [], groupChats: await wecomGroupChats(adapter, account) };
  } catch (error) {
    if (error instanceof ChannelError)
      throw HeraldError.of('HERALD_ERR_PROVIDER_REFUSED', { platform: 'WeCom', problem: error.message });
    throw error;
  }
}
