import { channelAccountOf, decryptSecret } from '@herald/db';
import { quotaTimeZone, type ChannelKind, type QuotaOverride } from '@herald/engine';
import type { HeraldDb } from '@herald/db';
import type { AccountConfig } from './channel.types';

/** What loading an account needs: the database and the key that seals credentials. */
export interface AccountDeps {
  db: HeraldDb;
  secretKey: Buffer;
}

export interface LoadedAccount {
  config: AccountConfig;
  overrides: Record<string, QuotaOverride>;
  /** The zone its quotas count days and months in (its setting, else its platform's). */
  quotaTimeZone: string;
}

const cache = new Map<string, { at: number; account: LoadedAccount }>();

/** A channel account with decrypted credentials, cached for 30 s per process. */
export async function loadAccount(deps: AccountDeps, workspaceId: string, accountId: string): Promise<LoadedAccount> {
  const hit = cache.get(`${workspaceId}:${accountId}`);
  if (hit && Date.now() - hit.at < 30_000) return hit.account;
  const row = await channelAccountOf(deps.db, { workspaceId, id: accountId });
  if (!row)
    throw Object.assign(new Error(`channel account ${accountId} not found`), { code: 'HERALD_ERR_ACCOUNT_NOT_FOUND' });
  const account: LoadedAccount = {
    config: {
      id: row.id,
      kind: row.kind as ChannelKind,
      baseUrl: row.baseUrl,
      settings: row.settings,
      credentials: JSON.parse(decryptSecret(row.credentialsEncrypted, deps.secretKey)) as Record<string, string>,
    },
    overrides: row.quotaOverrides as Record<string, QuotaOverride>,
    quotaTimeZone: quotaTimeZone(row.kind as ChannelKind, row.quotaTimeZone),
  };
  cache.set(`${workspaceId}:${accountId}`, { at: Date.now(), account });
  return account;
}

/** Which identity addresses a contact on a kind of account. */
export function identityKindFor(
  kind: ChannelKind,
): 'wechat_openid' | 'wecom_external_userid' | 'chat_number' | 'email' | null {
  switch (kind) {
    case 'wechat_service':
    case 'wechat_subscription':
      return 'wechat_openid';
    case 'wecom':
      return 'wecom_external_userid';
    case 'chat_platform':
      return 'chat_number';
    case 'email':
      return 'email';
    case 'webhook':
      return null;
  }
}
