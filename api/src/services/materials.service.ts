import { createHash } from 'node:crypto';
import {
  deleteMaterialRow,
  insertMaterial,
  journeysUsingMaterial,
  materialOf,
  materialsAmong,
  setPlatformMediaIds,
  type HeraldDb,
  type MaterialKind,
} from '@herald/db';
import { loadAccount } from '@herald/channels';
import { capabilityOf, materialSendable } from '@herald/engine';
import { ChannelError, type WechatAdapter } from '@herald/channels';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { sniffType, type SniffedType } from './material-sniff';

export type { MaterialKind };

const MB = 1024 * 1024;

/**
 * What each kind accepts. image/voice/video/thumb are WeChat's documented limits for permanent
 * materials; `file` (WeCom files, email attachments) takes DESIGN.md's attachment list up to
 * 20 MB, WeCom's limit for a file.
 */
export const materialRules: Record<MaterialKind, { maxBytes: number; types: readonly string[] }> = {
  image: { maxBytes: 10 * MB, types: ['bmp', 'png', 'jpg', 'gif'] },
  voice: { maxBytes: 2 * MB, types: ['mp3', 'wma', 'wav', 'amr'] },
  video: { maxBytes: 10 * MB, types: ['mp4'] },
  thumb: { maxBytes: 64 * 1024, types: ['jpg'] },
  file: {
    maxBytes: 20 * MB,
    types: ['pdf', 'vcf', 'png', 'jpg', 'gif', 'mp3', 'mp4', 'm4a', 'webm', 'ogg', '3gpp', 'wav', 'mov', 'aac'],
  },
};

/** The largest upload any kind accepts (the multipart limit before the kind's own). */
export const maxMaterialBytes = Math.max(...Object.values(materialRules).map((r) => r.maxBytes));

const wechatKinds = new Set(['wechat_service', 'wechat_subscription']);

/** Refuses bytes whose real type the kind does not take; returns the type. */
export function checkMaterial(kind: MaterialKind, bytes: Buffer): SniffedType {
  const rule = materialRules[kind];
  if (bytes.length === 0) throw HeraldError.of('HERALD_ERR_MATERIAL_EMPTY', {});
  if (bytes.length > rule.maxBytes) throw tooLarge(kind);
  const type = sniffType(bytes);
  if (!type || !rule.types.includes(type.ext)) {
    throw HeraldError.of(
      'HERALD_ERR_MATERIAL_TYPE',
      {
        detected: type ? type.ext.toUpperCase() : 'of a type Herald does not recognise',
        kind,
        allowed: rule.types.join(', '),
      },
      { kind, detected: type?.ext ?? null, allowed: rule.types },
    );
  }
  return type;
}

/**
 * Refuses (415) a material no message could send: of an attachment kind whose file type no method
 * takes — of the account's kind when one is named, of any otherwise — saying what each method takes.
 */
async function checkSendable(
  deps: AppDeps,
  workspaceId: string,
  kind: MaterialKind,
  ext: string,
  accountId: string | undefined,
): Promise<void> {
  if (kind === 'thumb') return; // a cover goes with WeChat's news, not as a message of its own
  const account = accountId ? await loadAccount(deps, workspaceId, accountId).catch(() => undefined) : undefined;
  const channels = account ? [account.config.kind] : undefined;
  const verdict = materialSendable(kind, ext, materialRules[kind].types, channels);
  if (verdict.ok) return;
  const methods =
    verdict.methods.length === 0
      ? `no method ${account ? 'of this account ' : ''}sends ${kind === 'image' ? 'images' : `${kind} messages`}`
      : `${verdict.methods.map((m) => capabilityOf(m).label).join(', ')} take ` +
        `${kind === 'file' ? 'files' : `${kind}s`} as ${verdict.types.join(', ')}`;
  throw HeraldError.of(
    'HERALD_ERR_MATERIAL_UNSENDABLE',
    { where: account ? 'of this account' : 'Herald sends', ext, kind, methods },
    { kind, detected: ext, methods: verdict.methods, types: verdict.types },
  );
}

/** 413 for a file over its kind's limit. */
export const tooLarge = (kind: MaterialKind): HeraldError =>
  HeraldError.of(
    'HERALD_ERR_MATERIAL_TOO_LARGE',
    { kind, limit: formatBytes(materialRules[kind].maxBytes) },
    { kind, maxBytes: materialRules[kind].maxBytes },
  );

const formatBytes = (n: number) => (n >= MB ? `${n / MB} MB` : `${n / 1024} KB`);

/** Each kind's limits in words ("image ≤10 MB (bmp, png, jpg, gif); …"), from the rules themselves. */
export const limitsText = (): string =>
  Object.entries(materialRules)
    .map(([kind, rule]) => `${kind} ≤${formatBytes(rule.maxBytes)} (${rule.types.join(', ')})`)
    .join('; ');

/** The stored name: the client's base name with the extension of what the bytes really are. */
export function materialFilename(original: string | undefined, type: SniffedType): string {
  const base = (original ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/["\\]/g, '')
    .replace(/\p{Cc}/gu, '')
    .trim();
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return `${(stem || 'upload').slice(0, 200)}.${type.ext}`;
}

/** A provider failure during an upload or delete, as the API reports it. */
export function channelFailure(error: unknown): unknown {
  if (!(error instanceof ChannelError)) return error;
  // A retryable code is one of the operational channel codes, which all take the provider and the reason.
  if (error.retryable)
    return HeraldError.of(error.code as 'HERALD_ERR_CHANNEL_UNAVAILABLE', {
      provider: 'WeChat',
      reason: error.message,
    });
  if (error.code === 'HERALD_ERR_CHANNEL_AUTH')
    return HeraldError.of(error.code, { provider: 'WeChat', reason: error.message });
  return HeraldError.of(
    'HERALD_ERR_MATERIAL_REJECTED',
    { reason: error.message },
    { providerCode: error.providerCode },
  );
}

/** The WeChat account a material goes to, or a 404/422 (another kind of account takes no permanent materials). */
export async function wechatAccount(
  deps: AppDeps,
  workspaceId: string,
  accountId: string,
  refusal = 'Only WeChat official accounts keep permanent materials; ' +
    'upload without channelAccountId for other channels.',
) {
  const account = await loadAccount({ db: deps.db, secretKey: deps.secretKey }, workspaceId, accountId).catch(() => {
    throw notFound('The channel account');
  });
  if (!wechatKinds.has(account.config.kind)) {
    throw HeraldError.of('HERALD_ERR_MATERIAL_ACCOUNT', { reason: refusal });
  }
  return account.config;
}

export interface NewMaterial {
  kind: MaterialKind;
  filename: string | undefined;
  bytes: Buffer;
  channelAccountId?: string | undefined;
  title?: string | undefined;
  introduction?: string | undefined;
}

/**
 * Checks and stores an upload. With a WeChat account it is first added there as a permanent
 * material and the media id is kept; a refusal there writes nothing here.
 */
export async function createMaterial(
  deps: AppDeps,
  wechat: WechatAdapter,
  workspaceId: string,
  memberId: string | null,
  input: NewMaterial,
): Promise<string> {
  const type = checkMaterial(input.kind, input.bytes);
  // An account's permanent materials hold no files: refused before the sendable check names methods.
  if (input.channelAccountId && input.kind === 'file')
    throw HeraldError.of('HERALD_ERR_MATERIAL_ACCOUNT', {
      reason: 'WeChat keeps images, voice, video and thumbs as permanent materials, not files.',
    });
  await checkSendable(deps, workspaceId, input.kind, type.ext, input.channelAccountId);
  const filename = materialFilename(input.filename, type);
  const platformMediaIds: Record<string, string> = {};
  if (input.channelAccountId && input.kind !== 'file') {
    const account = await wechatAccount(deps, workspaceId, input.channelAccountId);
    const uploaded = await wechat
      .addMaterial(account, {
        type: input.kind,
        filename,
        mime: type.mime,
        bytes: input.bytes,
        ...(input.title ? { title: input.title } : {}),
        ...(input.introduction ? { introduction: input.introduction } : {}),
      })
      .catch((error: unknown) => {
        throw channelFailure(error);
      });
    platformMediaIds[account.id] = uploaded.mediaId;
  }
  return insertMaterial(deps.db, {
    workspaceId,
    kind: input.kind,
    filename,
    mime: type.mime,
    bytes: input.bytes,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    platformMediaIds,
    createdBy: memberId,
  });
}

/**
 * Deletes a material: first from every WeChat account that holds it (one already gone there
 * counts as deleted), then here. A material a live journey or a pending broadcast uses is kept (409).
 */
export async function deleteMaterial(
  deps: AppDeps,
  wechat: WechatAdapter,
  workspaceId: string,
  id: string,
): Promise<void> {
  const row = await materialOf(deps.db, { workspaceId, id });
  if (!row) throw notFound('The material');
  const names = await journeysUsingMaterial(deps.db, { workspaceId, materialId: id, limit: 5 });
  if (names.length > 0)
    throw HeraldError.of('HERALD_ERR_MATERIAL_IN_USE', { users: names.map((n) => `"${n}"`).join(', ') });
  const remaining = { ...row.platformMediaIds };
  for (const [accountId, mediaId] of Object.entries(row.platformMediaIds)) {
    const account = await wechatAccount(deps, workspaceId, accountId).catch(() => null);
    if (account)
      await wechat.deleteMaterial(account, mediaId).catch((error: unknown) => {
        throw channelFailure(error);
      });
    delete remaining[accountId];
    await setPlatformMediaIds(deps.db, { id, platformMediaIds: remaining });
  }
  await deleteMaterialRow(deps.db, { id });
}

/**
 * The materials messages refer to (attachment.materialId) that are not this workspace's, or
 * not on the WeChat account that sends them; empty when all are fine.
 */
export async function unusableMaterials(
  db: HeraldDb,
  workspaceId: string,
  materialIds: readonly string[],
  wechatAccountId?: string,
): Promise<string[]> {
  if (materialIds.length === 0) return [];
  const ids = [...new Set(materialIds)];
  const found = await materialsAmong(db, { workspaceId, ids });
  const usable = new Set(found.filter((m) => !wechatAccountId || m.platformMediaIds[wechatAccountId]).map((m) => m.id));
  return ids.filter((m) => !usable.has(m));
}
