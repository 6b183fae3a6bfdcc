import { sql, type HeraldDb, identityKinds } from '@herald/db';
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

/**
 * Creates or updates contacts by external id, with their identities and tags, in four set-based
 * statements whatever the count (100,000 rows a request): idempotent, all or nothing.
 */
export async function upsertContacts(
  db: HeraldDb,
  workspaceId: string,
  items: readonly ContactInput[],
): Promise<{ created: number; updated: number }> {
  if (items.length === 0) return { created: 0, updated: 0 };
  const byExternal = new Map(items.map((i) => [i.externalId, i]));
  const unique = [...byExternal.values()];
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const rows = JSON.stringify(
      unique.map((i) => ({ e: i.externalId, n: i.name, a: i.attributes, t: i.timezone ?? null })),
    );
    const upserted = await tx.execute(sql`
      insert into contacts (workspace_id, external_id, name, attributes, timezone)
      select ${workspaceId}::uuid, x.e, x.n, x.a, x.t from jsonb_to_recordset(${rows}::jsonb) as x(e text, n text, a jsonb, t text)
      on conflict (workspace_id, external_id) do update set name = excluded.name, attributes = contacts.attributes || excluded.attributes,
        timezone = coalesce(excluded.timezone, contacts.timezone), updated_at = now()
      returning (xmax = 0) as created`);
    const list = (Array.isArray(upserted) ? upserted : (upserted as { rows: unknown[] }).rows) as Array<{
      created: boolean;
    }>;
    const identities = JSON.stringify(
      unique.flatMap((i) =>
        i.identities.map((id) => ({ e: i.externalId, k: id.kind, v: id.value, c: id.channelAccountId ?? null })),
      ),
    );
    await tx.execute(sql`
      insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
      select ${workspaceId}::uuid, c.id, x.k, x.c, x.v from jsonb_to_recordset(${identities}::jsonb) as x(e text, k text, v text, c uuid)
      join contacts c on c.workspace_id = ${workspaceId}::uuid and c.external_id = x.e
      where x.c is null or exists (select 1 from channel_accounts a where a.id = x.c and a.workspace_id = ${workspaceId}::uuid)
      on conflict (workspace_id, kind, channel_account_id, value) do nothing`);
    const tagNames = [...new Set(unique.flatMap((i) => i.tags))];
    if (tagNames.length > 0) {
      await tx.execute(
        sql`insert into tags (workspace_id, name) select ${workspaceId}::uuid, n from jsonb_array_elements_text(${JSON.stringify(tagNames)}::jsonb) n on conflict do nothing`,
      );
      const pairs = JSON.stringify(unique.flatMap((i) => i.tags.map((t) => ({ e: i.externalId, t }))));
      await tx.execute(sql`
        insert into contact_tags (workspace_id, contact_id, tag_id)
        select ${workspaceId}::uuid, c.id, t.id from jsonb_to_recordset(${pairs}::jsonb) as x(e text, t text)
        join contacts c on c.workspace_id = ${workspaceId}::uuid and c.external_id = x.e
        join tags t on t.workspace_id = ${workspaceId}::uuid and t.name = x.t
        on conflict do nothing`);
    }
    const created = list.filter((r) => r.created).length;
    return { created, updated: list.length - created };
  });
}

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
