import { sql } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { matchesFilters, type Condition } from '@herald/engine';
import { rowsOf } from '../sql-lists';
import { interactedWithin } from './interaction-window';

/** Whether a split condition holds for a contact, read from the database at the workflow's `now`. */
export async function evaluateCondition(
  db: HeraldDb,
  workspaceId: string,
  contactId: string,
  condition: Condition,
  now: Date,
): Promise<boolean> {
  const one = async (query: ReturnType<typeof sql>) => rowsOf<{ ok: boolean }>(await db.execute(query))[0]?.ok === true;
  switch (condition.kind) {
    case 'message':
      // Only the set-based engine evaluates this (per run, in SQL); the first engine's plans never had it.
      return false;
    case 'has_tag':
      return one(
        sql`select exists (select 1 from contact_tags
          where contact_id = ${contactId}::uuid and tag_id = ${condition.tagId}::uuid
            and workspace_id = ${workspaceId}::uuid) as ok`,
      );
    case 'event_happened': {
      const since = condition.withinHours
        ? new Date(now.getTime() - condition.withinHours * 3_600_000).toISOString()
        : '-infinity';
      return one(
        sql`select exists (select 1 from inbound_events
          where workspace_id = ${workspaceId}::uuid and contact_id = ${contactId}::uuid
            and type = ${condition.eventName}
            and occurred_at >= ${since}::timestamptz and occurred_at <= ${now.toISOString()}::timestamptz) as ok`,
      );
    }
    case 'interacted': {
      const within = interactedWithin({
        contact: sql`${contactId}::uuid`,
        channelAccountId: condition.channelAccountId,
        now,
        hours: condition.withinHours,
      });
      return one(sql`select ${within} as ok`);
    }
    case 'attribute': {
      const [row] = rowsOf<{ value: unknown }>(
        await db.execute(
          sql`select attributes -> ${condition.key} as value
            from contacts
            where id = ${contactId}::uuid and workspace_id = ${workspaceId}::uuid`,
        ),
      );
      // The same comparison as event property filters, so splits and triggers agree.
      return matchesFilters({ [condition.key]: row?.value }, [
        { property: condition.key, op: condition.op, value: condition.value },
      ]);
    }
  }
}
