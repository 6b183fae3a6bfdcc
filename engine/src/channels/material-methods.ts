// Which messages can carry an uploaded material: a material is only worth keeping when some method
// of the account (or of any account, for a material kept for all) can send it. A message carries a
// material of kind `image`, `voice`, `video` or `file` as that message type, and a file of a type on
// DESIGN.md's attachment list (mp3, png, jpg, jpeg, gif, mp4, m4a, webm, pdf, vcf, ogg, 3gpp, wav, mov,
// aac) — the list the message rules check. A WeChat `thumb` (a news or video cover) is no message of
// its own: it goes with the WeChat account's news.
import { allowedAttachmentExtensions } from '../model/common.schema';
import type { ChannelKind, MethodId } from './channel-kinds';
import { methodRegistry } from './registry';

/** Kinds of material a message carries as an attachment (their message type has the same name). */
export type AttachmentKind = 'image' | 'voice' | 'video' | 'file';

/** The methods (of accounts of `channels`, or of any) whose messages can be an attachment of `kind`. */
export function methodsTaking(kind: AttachmentKind, channels?: readonly ChannelKind[]): MethodId[] {
  return Object.values(methodRegistry)
    .filter((m) => m.messageTypes.includes(kind) && (!channels || m.channels.some((c) => channels.includes(c))))
    .map((m) => m.id);
}

/**
 * Whether some method can send a `kind` material of file type `ext`, and, when none can, what each
 * method that takes the kind takes (for the refusal): `types` is the kind's file types a message
 * carries (the platform's types for the kind, on the attachment list).
 */
export function materialSendable(
  kind: AttachmentKind,
  ext: string,
  kindTypes: readonly string[],
  channels?: readonly ChannelKind[],
): { ok: boolean; methods: MethodId[]; types: string[] } {
  const methods = methodsTaking(kind, channels);
  const types = kindTypes.filter((t) => (allowedAttachmentExtensions as readonly string[]).includes(t));
  return { ok: methods.length > 0 && types.includes(ext), methods, types };
}
