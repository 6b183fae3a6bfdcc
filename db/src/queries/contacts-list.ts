import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import type { identityKinds } from '../enums';
import { rowsOf } from '../rows';
import { containsPattern } from './broadcast-list';

/** Columns the contacts list sorts by. */
export type ContactListSort = 'lastActivity' | 'name' | 'externalId' | 'createdAt';

export interface ContactListParams {
  workspaceId: string;
  tagId?: string | undefined;
  /** Only contacts this employee owns, or (`none`) contacts nobody owns. */
  ownerId?: string | undefined;
  /** Any part of a name, an external id, or the start of an identity value (phone, email, openid…). */
  search?: string | undefined;
  sort: ContactListSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface ContactListRow {
  id: string;
  externalId: string | null;
  name: string;
  unsubscribed: boolean;
  createdAt: Date;
  /** The latest of: created, an event received from the contact, a message written to them. */
  lastActivityAt: Date;
  tags: string[];
  identities: Array<{ kind: (typeof identityKinds)[number]; value: string }>;
  /** The names of the employees who own the contact, first assigned first. */
  owners: string[];
}

// Each latest time is one backward probe of a (contact_id, time) index.
const lastActivity = sql`greatest(c.created_at,
  (select max(e.occurred_at) from inbound_events e where e.contact_id = c.id),
  (select max(d.created_at) from deliveries d where d.contact_id = c.id))`;

const sortExpressions: Record<ContactListSort, SQL> = {
  lastActivity,
  name: sql`lower(c.name)`,
  externalId: sql`c.external_id`,
  createdAt: sql`c.created_at`,
};

/** `text%` for LIKE, with the pattern characters of the text taken literally. */
const prefixPattern = (text: string): string => `${text.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * One page of a workspace's contacts with their tags and identities, sorted on the server (by last
 * activity unless asked otherwise; ties by id), and the total the filter matches.
 */
export async function listContacts(
  db: HeraldDb,
  p: ContactListParams,
): Promise<{ rows: ContactListRow[]; total: number }> {
  const search = p.search?.trim();
  const tagged = p.tagId
    ? sql`and exists (select 1 from contact_tags ct where ct.contact_id = c.id and ct.tag_id = ${p.tagId}::uuid)`
    : sql``;
  const owned =
    p.ownerId === 'none'
      ? sql`and not exists (select 1 from contact_owners o where o.contact_id = c.id)`
      : p.ownerId
        ? sql`and exists (select 1 from contact_owners o
            where o.contact_id = c.id and o.employee_id = ${p.ownerId}::uuid)`
        : sql``;
  const where = sql`c.workspace_id = ${p.workspaceId}::uuid
    ${tagged}
    ${owned}
    ${
      search
        ? sql`and (c.name ilike ${containsPattern(search)} or c.external_id = ${search}
          or c.id in (select i.contact_id from contact_identities i
            where i.workspace_id = ${p.workspaceId}::uuid and i.value like ${prefixPattern(search)}))`
        : sql``
    }`;
  const direction = sql.raw(p.dir === 'asc' ? 'asc' : 'desc');
  const raw = rowsOf<{
    id: string;
    external_id: string | null;
    name: string;
    unsubscribed: boolean;
    created_at: string | Date;
    last_activity_at: string | Date;
    tags: string[] | null;
    identities: ContactListRow['identities'] | string | null;
    owners: string[] | null;
  }>(
    await db.execute(sql`
      select c.id, c.external_id, c.name, c.unsubscribed, c.created_at, ${lastActivity} as last_activity_at,
        (select coalesce(array_agg(t.name order by t.name), '{}') from contact_tags ct join tags t on t.id = ct.tag_id
          where ct.contact_id = c.id) as tags,
        (select coalesce(jsonb_agg(jsonb_build_object('kind', i.kind, 'value', i.value) order by i.kind, i.value), '[]')
          from contact_identities i where i.contact_id = c.id) as identities,
        (select coalesce(array_agg(e.name order by o.created_at, e.id), '{}')
          from contact_owners o join employees e on e.id = o.employee_id
          where o.contact_id = c.id) as owners
      from contacts c where ${where}
      order by ${sortExpressions[p.sort]} ${direction} nulls last, c.id ${direction}
      limit ${p.limit} offset ${p.offset}`),
  );
  const [count] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from contacts c where ${where}`),
  );
  return {
    rows: raw.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      name: r.name,
      unsubscribed: r.unsubscribed,
      createdAt: new Date(r.created_at),
      lastActivityAt: new Date(r.last_activity_at),
      tags: r.tags ?? [],
      identities: typeof r.identities === 'string' ? JSON.parse(r.identities) : (r.identities ?? []),
      owners: r.owners ?? [],
    })),
    total: count?.n ?? 0,
  };
}
