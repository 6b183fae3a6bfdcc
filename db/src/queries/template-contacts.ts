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
    // Each contact probed by its key (OFFSET 0 keeps the probe a per-id subquery): as \`c.id = any(…)\`, a page of
    // 1,000 ids was planned as a seq scan of the workspace's 20,000 contacts testing each against the list.
    await db.execute(sql`
    select c.id, c.name, c.external_id, c.timezone, c.attributes, ${first('email')} as email,
      ${first('phone')} as phone,
      (select array_agg(t.name order by t.name)
        from contact_tags ct join tags t on t.id = ct.tag_id
        where ct.contact_id = c.id) as tags
    from unnest(${uuidList(p.contactIds)}) as i(id) cross join lateral (
      select c.id, c.name, c.external_id, c.timezone, c.attributes from contacts c
      where c.id = i.id and c.workspace_id = ${p.workspaceId}::uuid offset 0) c`),
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
