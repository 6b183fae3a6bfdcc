import { sql, type HeraldDb } from '@herald/db';
import type { Message } from '@herald/engine';
import type { AccountConfig } from './channel.types';
import { isUuid, rowsOf, uuidList } from '../sql-lists';

/**
 * Messages for a WeChat account with each attachment's Herald material id replaced by the
 * permanent media id that account holds for it (what /api/materials kept on upload). Other
 * accounts, and ids that are not Herald materials (a media id given directly), pass unchanged.
 */
export async function withWechatMedia(db: HeraldDb, account: AccountConfig, messages: Message[]): Promise<Message[]> {
  if (account.kind !== 'wechat_service' && account.kind !== 'wechat_subscription') return messages;
  const ids = [...new Set(messages.flatMap((m) => ('attachment' in m && isUuid(m.attachment.materialId) ? [m.attachment.materialId] : [])))];
  if (ids.length === 0) return messages;
  const found = rowsOf<{ id: string; media_id: string | null }>(await db.execute(sql`select id::text, platform_media_ids ->> ${account.id} as media_id from materials where id = any(${uuidList(ids)})`));
  const mediaIds = new Map(found.filter((r) => r.media_id).map((r) => [r.id, r.media_id!]));
  return messages.map((m) => ('attachment' in m && mediaIds.has(m.attachment.materialId) ? { ...m, attachment: { ...m.attachment, materialId: mediaIds.get(m.attachment.materialId)! } } : m));
}
