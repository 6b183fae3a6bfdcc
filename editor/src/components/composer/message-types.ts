import type { Message, MessageType } from '@herald/engine';
import { i18n } from '../../i18n/i18n';

export const attachmentKinds = ['image', 'voice', 'video', 'file'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];
/** A message type as the composer names it ("Link card"), in the editor's language. */
export const messageTypeLabel = (type: MessageType): string => i18n.t(`composer.type.${type}`);

/** A message of a type with nothing filled in yet (attachments are added through the picker instead). */
export function blank(type: Exclude<MessageType, AttachmentKind>): Message {
  switch (type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'news':
      return { type: 'news', title: '', url: '' };
    case 'miniprogram':
      return { type: 'miniprogram', appId: '', pagePath: '', title: '' };
    case 'template':
      return { type: 'template', templateId: '', fields: [], data: {} };
  }
}
