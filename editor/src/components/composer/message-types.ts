import type { Message, MessageType } from '@herald/engine';

export const attachmentKinds = ['image', 'voice', 'video', 'file'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];
export const messageTypeLabels: Record<MessageType, string> = {
  text: 'Text',
  image: 'Image',
  voice: 'Voice',
  video: 'Video',
  file: 'File',
  news: 'Link card',
  miniprogram: 'Mini program',
  template: 'Template',
};

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
