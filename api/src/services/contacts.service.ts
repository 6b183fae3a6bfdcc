import { identityKinds } from '@herald/db';
import { z } from 'zod';

export const identityInput = z.object({
  kind: z.enum(identityKinds),
  value: z.string().trim().min(1).max(200),
  channelAccountId: z.uuid().nullish(),
});
export const contactInput = z.object({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().max(200).default(''),
  attributes: z.record(z.string(), z.unknown()).default({}),
  timezone: z.string().max(64).optional(),
  identities: z.array(identityInput).max(20).default([]),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
});
export type ContactInput = z.infer<typeof contactInput>;

/** Parses a CSV of contacts: external_id,name,email,phone,wechat_openid,wecom_external_userid,chat_number,tags (tags separated by |). */
export function parseContactsCsv(text: string): { items: unknown[]; errors: string[] } {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  const errors: string[] = [];
  if (!header.includes('external_id')) errors.push('the first line must be a header with an external_id column');
  const items = lines.map((line) => {
    const cells = splitCsvLine(line);
    const get = (name: string) => cells[header.indexOf(name)]?.trim() ?? '';
    const identities = identityKinds.filter((k) => get(k) !== '').map((kind) => ({ kind, value: get(kind) }));
    return {
      externalId: get('external_id'),
      name: get('name'),
      identities,
      tags: get('tags')
        ? get('tags')
            .split('|')
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
    };
  });
  return { items, errors };
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}
