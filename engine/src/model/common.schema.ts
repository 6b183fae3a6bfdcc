import { z } from 'zod';

/** Stable ids: nodes, edges, branches. Labels are data, never keys. */
export const idSchema = z.string().min(1).max(128);

/** HH:MM, 24-hour clock. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:30');

export const durationUnitSchema = z.enum(['minutes', 'hours', 'days']);
/** A relative duration; amounts are validated as positive by the rules, so drafts can hold 0. */
export const durationSchema = z.object({ amount: z.number().finite(), unit: durationUnitSchema });
export type Duration = z.infer<typeof durationSchema>;

const unitMs = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
/** A duration in milliseconds. */
export const durationMs = (d: Duration): number => d.amount * unitMs[d.unit];

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

/** Attachment file types a channel taking media accepts (DESIGN.md). */
export const allowedAttachmentExtensions = [
  'mp3',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'mp4',
  'm4a',
  'webm',
  'pdf',
  'vcf',
  'ogg',
  '3gpp',
  'wav',
  'mov',
  'aac',
] as const;

/** The extension of a file name, lower-cased ('' when it has none). */
export const extensionOf = (filename: string): string => {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
};

/** Whether a file name has an allowed attachment type. */
export const isAllowedAttachment = (filename: string): boolean =>
  (allowedAttachmentExtensions as readonly string[]).includes(extensionOf(filename));
