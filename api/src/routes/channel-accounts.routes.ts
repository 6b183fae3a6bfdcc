import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  decryptSecret,
  encryptSecret,
  channelAccountOf,
  insertChannelAccount,
  listChannelAccounts,
  updateChannelAccount,
  type ChannelAccountRow,
} from '@herald/db';
import { checkEgress, egressPolicy } from '@herald/channels';
import { quotaTimeZone, type ChannelKind } from '@herald/engine';
import type { AppDeps } from '../deps';
import { accountRoutes as contract, roleAtLeast, type Account } from '../contracts/index';
import { HeraldError, conflictOn, notFound } from '../errors/herald-error';
import { requireCaller, type Caller } from '../plugins/auth.plugin';
import { testConnection } from '../services/connection-test.service';
import { serve } from './contract-route';

const isWechat = (kind: ChannelKind) => kind === 'wechat_service' || kind === 'wechat_subscription';

/** Credentials given in a form: blank ones mean "keep what is stored". */
const given = (credentials: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(credentials ?? {}).filter(([, v]) => v.trim() !== ''));

/** Where the worker will call: refused up front when this Herald's egress policy forbids it. */
async function checkTarget(kind: ChannelKind, baseUrl: string): Promise<void> {
  await checkEgress(egressPolicy(), baseUrl, kind === 'email' ? ['smtp:', 'smtps:'] : ['http:', 'https:']).catch(
    (error: Error) => {
      throw HeraldError.of('HERALD_ERR_CHANNEL_TARGET_REFUSED', { reason: error.message });
    },
  );
}

/** /api/channel-accounts: connect, list, edit and disable accounts, and try their credentials (write-only). */
export const channelAccountRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const stored = (row: ChannelAccountRow): Record<string, string> =>
    row.credentialsEncrypted
      ? (JSON.parse(decryptSecret(row.credentialsEncrypted, deps.secretKey)) as Record<string, string>)
      : {};
  // Only those who may change credentials learn which are stored; below admin, only that some are ("set").
  const toAccount = (row: ChannelAccountRow, caller: Caller): Account => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.baseUrl,
    settings: row.settings,
    quotaOverrides: row.quotaOverrides,
    quotaTimeZone: quotaTimeZone(row.kind, row.quotaTimeZone),
    quotaTimeZoneSet: row.quotaTimeZone !== null,
    hasCredentials: row.credentialsEncrypted.length > 0,
    credentialNames: roleAtLeast(caller.role, 'admin') ? Object.keys(stored(row)).sort() : [],
    disabled: row.disabledAt !== null,
    callbackPath: isWechat(row.kind)
      ? `/webhooks/wechat/${row.id}`
      : row.kind === 'wecom'
        ? `/webhooks/wecom/${row.id}`
        : null,
    createdAt: row.createdAt.toISOString(),
  });
  const conflict = (name: string) => conflictOn(`A channel account named "${name}"`);

  serve(app, contract.list, { permission: 'read', tag: 'channels' }, async (request) => ({
    items: (await listChannelAccounts(db, requireCaller(request).workspaceId)).map((row) =>
      toAccount(row, requireCaller(request)),
    ),
  }));

  serve(app, contract.create, { permission: 'manage', tag: 'channels' }, async (request, reply) => {
    const caller = requireCaller(request);
    const { credentials, quotaTimeZone: zone, ...rest } = request.body;
    await checkTarget(rest.kind, rest.baseUrl);
    const row = await insertChannelAccount(db, {
      workspaceId: caller.workspaceId,
      ...rest,
      quotaTimeZone: zone || null,
      credentialsEncrypted: encryptSecret(JSON.stringify(credentials), deps.secretKey),
    }).catch(conflict(rest.name));
    return reply.status(201).send(toAccount(row, caller));
  });

  serve(app, contract.update, { permission: 'manage', tag: 'channels' }, async (request) => {
    const caller = requireCaller(request);
    const row = await channelAccountOf(db, { workspaceId: caller.workspaceId, id: request.params.id });
    if (!row) throw notFound('The channel account');
    const { credentials, disabled, quotaTimeZone: zone, ...rest } = request.body;
    if (rest.baseUrl) await checkTarget(row.kind, rest.baseUrl);
    const changed = given(credentials);
    const updated = await updateChannelAccount(db, caller.workspaceId, row.id, {
      ...rest,
      ...(zone === undefined ? {} : { quotaTimeZone: zone || null }),
      ...(Object.keys(changed).length > 0
        ? { credentialsEncrypted: encryptSecret(JSON.stringify({ ...stored(row), ...changed }), deps.secretKey) }
        : {}),
      ...(disabled === undefined ? {} : { disabledAt: disabled ? (row.disabledAt ?? new Date()) : null }),
    }).catch(conflict(rest.name ?? row.name));
    return toAccount(updated!, caller);
  });

  serve(app, contract.test, { permission: 'manage', tag: 'channels' }, async (request) => {
    const caller = requireCaller(request);
    const { id, credentials, ...rest } = request.body;
    let known: Record<string, string> = {};
    if (id) {
      const row = await channelAccountOf(db, { workspaceId: caller.workspaceId, id: id });
      if (!row) throw notFound('The channel account');
      known = stored(row);
    }
    return testConnection({ ...rest, credentials: { ...known, ...given(credentials) } });
  });
};
