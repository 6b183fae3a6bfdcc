import { sql } from 'drizzle-orm';
import type { TemplateContact } from '@herald/engine';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { uuidList } from '../sql-lists';

/**
 * What personalised messages read of each contact (name, external id, first email and phone, time
 * zone, tag names, attributes), for a batch of contacts in one statement. Contacts not found are absent.
 */
export async function templateContacts(
  db: HeraldDb,
  p: { workspaceId: string; contactIds: readonly string[] },
): Promise<Map<string, TemplateContact>> {
  if (p.contactIds.length === 0) return new Map();
  const first = (kind: string) =>
    sql`(select ci.value from contact_identities ci
      where ci.contact_id = c.id and ci.kind = ${kind}
      order by ci.created_at, ci.id
      limit 1)`;
  const rows = rowsOf<{
    id: string;
    name: string;
    external_id: string | null;
    timezone: string | null;
    attributes: Record<string, unknown> | null;
    email: string | null;
    phone: string | null;
    tags: string[] | null;
  }>(
    await db.execute(sql`
    select c.id, c.name, c.external_id, c.timezone, c.attributes, ${first('email')} as email,
      ${first('phone')} as phone,
      (select array_agg(t.name order by t.name)
        from contact_tags ct join tags t on t.id = ct.tag_id
        where ct.contact_id = c.id) as tags
    from contacts c
    where c.workspace_id = ${p.workspaceId}::uuid and c.id = any(${uuidList(p.contactIds)})`),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        name: r.name,
        externalId: r.external_id,
        email: r.email,
        phone: r.phone,
        timezone: r.timezone,
        tags: r.tags ?? [],
        attributes: r.attributes ?? {},
      },
    ]),
  );
}
