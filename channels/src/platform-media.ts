import { isUuid, keepTemporaryMedia, materialBytes, materialsOnAccount, type HeraldDb } from '@herald/db';
import type { Message } from '@herald/engine';
import type { AccountConfig } from './channel.types';
import type { WecomAdapter, WecomMediaUpload } from './wecom.adapter';

/** WeCom temporary media live 3 days; one with less than this left is uploaded again before a send. */
const wecomMediaMarginMs = 12 * 3_600_000;
const wecomMediaLifeMs = 3 * 86_400_000;

const attachmentIds = (messages: readonly Message[]) => [
  ...new Set(
    messages.flatMap((m) => ('attachment' in m && isUuid(m.attachment.materialId) ? [m.attachment.materialId] : [])),
  ),
];
const replaceIds = (messages: Message[], ids: ReadonlyMap<string, string>) =>
  messages.map((m) =>
    'attachment' in m && ids.has(m.attachment.materialId)
      ? { ...m, attachment: { ...m.attachment, materialId: ids.get(m.attachment.materialId)! } }
      : m,
  );

/**
 * Messages for an account with each attachment's Herald material id replaced by the id the
 * platform knows it by: for WeChat the permanent media id kept when the material was uploaded
 * (/api/materials); for WeCom a temporary media id (3 days), uploaded on first use by that account
 * and again when it is about to expire, and kept on the material (`temporary_media`). Only the account's own
 * workspace's materials are resolved; other ids (a media id given directly) pass unchanged.
 */
export async function withPlatformMedia(
  db: HeraldDb,
  wecom: Pick<WecomAdapter, 'uploadMedia'>,
  account: AccountConfig,
  messages: Message[],
  now = new Date(),
): Promise<Message[]> {
  const isWechat = account.kind === 'wechat_service' || account.kind === 'wechat_subscription';
  if (!isWechat && account.kind !== 'wecom') return messages;
  const ids = attachmentIds(messages);
  if (ids.length === 0) return messages;
  const found = await materialsOnAccount(db, { accountId: account.id, ids, permanent: isWechat });
  const mediaIds = new Map<string, string>();
  for (const row of found) {
    if (isWechat) {
      if (typeof row.media === 'string') mediaIds.set(row.id, row.media);
      continue;
    }
    const held = row.media as { mediaId?: string; expiresAt?: string } | null;
    if (held?.mediaId && held.expiresAt && Date.parse(held.expiresAt) - now.getTime() > wecomMediaMarginMs) {
      mediaIds.set(row.id, held.mediaId);
      continue;
    }
    const bytes = await materialBytes(db, { materialId: row.id });
    if (!bytes) continue;
    const type: WecomMediaUpload['type'] = row.kind === 'thumb' ? 'image' : (row.kind as WecomMediaUpload['type']);
    const uploaded = await wecom.uploadMedia(account, {
      type,
      filename: row.filename,
      mime: row.mime,
      bytes,
    });
    const entry = {
      mediaId: uploaded.mediaId,
      expiresAt: new Date(uploaded.createdAt.getTime() + wecomMediaLifeMs).toISOString(),
    };
    await keepTemporaryMedia(db, { materialId: row.id, accountId: account.id, media: entry });
    mediaIds.set(row.id, uploaded.mediaId);
  }
  return replaceIds(messages, mediaIds);
}
