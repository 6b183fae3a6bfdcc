import { and, desc, eq, gte, ilike, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { auditEvents, approvalRequests, invitations } from '../schema/access';
import { apiKeys, employees, members, workspaces } from '../schema/workspaces';
import { channelAccounts, materials } from '../schema/channels';
import { contacts, groupChats, tags } from '../schema/contacts';
import { broadcasts, journeys } from '../schema/journeys';
import { rowsOf } from '../rows';
import { isUuid } from '../sql-lists';
import type { actorKinds } from '../enums';

/** An audit row. */
export type AuditRow = typeof auditEvents.$inferSelect;

/** Records one write. */
export async function insertAuditEvent(
  db: HeraldDb,
  p: {
    workspaceId: string;
    at: Date;
    actorKind: (typeof actorKinds)[number];
    actorId: string | null;
    actorName: string;
    ip: string;
    resource: string;
    resourceId: string | null;
    action: string;
    summary: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvents).values(p);
}

/** What the audit page filters by; every filter is optional. */
export interface AuditFilter {
  workspaceId: string;
  /** Part of the actor's name (a member's name, a key's name). */
  actor?: string;
  resource?: string;
  action?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
  /** The last id of the previous page (newest first). */
  before?: number;
  limit: number;
}

function auditWhere(f: AuditFilter): SQL | undefined {
  return and(
    eq(auditEvents.workspaceId, f.workspaceId),
    f.actor ? ilike(auditEvents.actorName, `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.resource ? eq(auditEvents.resource, f.resource) : undefined,
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.resourceId ? eq(auditEvents.resourceId, f.resourceId) : undefined,
    f.from ? gte(auditEvents.at, f.from) : undefined,
    f.to ? lte(auditEvents.at, f.to) : undefined,
    f.before !== undefined ? lt(auditEvents.id, f.before) : undefined,
  );
}

/** A page of a workspace's audit trail, newest first. */
export async function listAuditEvents(db: HeraldDb, f: AuditFilter): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(auditWhere(f))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(f.limit);
}

/** The tables whose rows the trail snapshots, by the resource name its routes use. */
const snapshotTables = {
  contacts,
  'channel-accounts': channelAccounts,
  journeys,
  broadcasts,
  tags,
  employees,
  'group-chats': groupChats,
  materials,
  members,
  'api-keys': apiKeys,
  invitations,
  approvals: approvalRequests,
} as const;

/** A resource name the trail can snapshot. */
export type SnapshotResource = keyof typeof snapshotTables | 'workspace';

/** Whether the trail can snapshot rows of a resource. */
export const canSnapshot = (resource: string): resource is SnapshotResource =>
  resource === 'workspace' || Object.hasOwn(snapshotTables, resource);

/**
 * A resource's row as JSON (every column; the caller redacts), or undefined when there is none in
 * this workspace. `workspace` is the workspace's own row.
 */
export async function auditSnapshot(
  db: HeraldDb,
  p: { workspaceId: string; resource: SnapshotResource; id: string },
): Promise<Record<string, unknown> | undefined> {
  if (p.resource === 'workspace') {
    const [row] = rowsOf<{ row: Record<string, unknown> }>(
      await db.execute(sql`select to_jsonb(w) as row from ${workspaces} w where w.id = ${p.workspaceId}::uuid`),
    );
    return row?.row;
  }
  if (!isUuid(p.id)) return undefined;
  const table = snapshotTables[p.resource];
  const [row] = rowsOf<{ row: Record<string, unknown> }>(
    await db.execute(
      sql`select to_jsonb(t) as row from ${table} t where t.id = ${p.id}::uuid and t.workspace_id =
        ${p.workspaceId}::uuid`,
    ),
  );
  return row?.row;
}

/**
 * Deletes audit rows older than each workspace's retention (`settings.auditRetentionDays`, else
 * `defaultDays`), at most `slice` rows a call; returns how many.
 */
export async function pruneAuditEvents(
  db: HeraldDb,
  p: { now: Date; defaultDays: number; slice?: number },
): Promise<number> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      delete from ${auditEvents} where id in (
        select a.id from ${auditEvents} a join ${workspaces} w on w.id = a.workspace_id
        where a.at < ${p.now.toISOString()}::timestamptz
          - make_interval(days => coalesce((w.settings->>'auditRetentionDays')::int, ${p.defaultDays}))
        limit ${p.slice ?? 10_000})
      returning id`),
  );
  return rows.length;
}
