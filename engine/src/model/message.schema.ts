import { z } from 'zod';

/** A reference to an uploaded material (the API stores the bytes; messages carry the id). */
export const attachmentSchema = z.object({
  materialId: z.string().min(1),
  filename: z.string().min(1).max(255),
  mime: z.string().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** One message of a send node. Text may carry personalisation fields like {{contact.name}}. */
export const messageSchema = z.discriminatedUnion('type', [
  // The channel's own limit is a validation rule (HERALD_ERR_MESSAGE_TOO_LONG, said per method); this only bounds
  // the request.
  z.object({ type: z.literal('text'), text: z.string().max(100_000) }),
  z.object({ type: z.literal('image'), attachment: attachmentSchema }),
  z.object({ type: z.literal('voice'), attachment: attachmentSchema }),
  z.object({ type: z.literal('video'), attachment: attachmentSchema, title: z.string().max(128).optional() }),
  z.object({ type: z.literal('file'), attachment: attachmentSchema }),
  z.object({
    type: z.literal('news'),
    title: z.string().max(128),
    description: z.string().max(512).optional(),
    url: z.string().max(2048),
    picUrl: z.string().max(2048).optional(),
  }),
  z.object({ type: z.literal('miniprogram'), appId: z.string(), pagePath: z.string(), title: z.string().max(128) }),
  z.object({
    type: z.literal('template'),
    templateId: z.string(),
    /** The template's field names, as the picker read them from the platform. */
    fields: z.array(z.string().min(1)).max(50),
    data: z.record(z.string(), z.string()),
    url: z.string().max(2048).optional(),
  }),
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];
export const messageTypes = [
  'text',
  'image',
  'voice',
  'video',
  'file',
  'news',
  'miniprogram',
  'template',
] as const satisfies readonly MessageType[];

/** The attachment a message carries, if any. */
export const attachmentOf = (message: Message): Attachment | undefined =>
  'attachment' in message ? message.attachment : undefined;

/** Whether a message has nothing a recipient could see. */
export function isEmptyMessage(message: Message): boolean {
  switch (message.type) {
    case 'text':
      return message.text.trim() === '';
    case 'news':
      return message.title.trim() === '' || message.url.trim() === '';
    case 'miniprogram':
      return message.appId.trim() === '' || message.pagePath.trim() === '';
    case 'template':
      return message.templateId.trim() === '';
    default:
      return false;
  }
}

/** A one-line summary of messages for list pages and node cards. */
export function summarizeMessages(messages: readonly Message[]): string {
  const first = messages[0];
  if (!first) return '';
  const head =
    first.type === 'text'
      ? first.text
      : first.type === 'news'
        ? first.title
        : 'attachment' in first
          ? `[${first.type}] ${first.attachment.filename}`
          : `[${first.type}]`;
  const short = head.length > 80 ? `${head.slice(0, 77)}…` : head;
  return messages.length > 1 ? `${short} (+${messages.length - 1})` : short;
}

const utf8 = new TextEncoder();
/** How long a text is as a platform counts it: characters (code points) or UTF-8 bytes. */
export const textLength = (text: string, unit: 'characters' | 'bytes'): number =>
  unit === 'bytes' ? utf8.encode(text).length : [...text].length;
