import { sql, type SQL } from 'drizzle-orm';
import type { Condition, PropertyFilter } from '@herald/engine';

/**
 * The SQL form of `matchesFilters` for one property held as jsonb: the same comparisons with the
 * same types (a string "5" is not the number 5), so a split in SQL and an event filter in code agree.
 * (`journey-conditions.test.ts` runs both over one table of values.)
 */
export function filterSql(value: SQL, f: Pick<PropertyFilter, 'op' | 'value'>): SQL {
  const given = f.value === undefined ? sql`null::jsonb` : sql`${JSON.stringify(f.value)}::jsonb`;
  switch (f.op) {
    case 'exists':
      return sql`(${value} is not null and ${value} <> 'null'::jsonb)`;
    case 'eq':
      return f.value === undefined ? sql`(${value} is null)` : sql`(${value} is not null and ${value} = ${given})`;
    case 'neq':
      return sql`(${value} is distinct from ${given})`;
    case 'contains':
      return typeof f.value === 'string'
        ? sql`(jsonb_typeof(${value}) = 'string' and strpos(${value} #>> '{}', ${f.value}) > 0)`
        : sql`false`;
    case 'gt':
    case 'lt':
      return typeof f.value === 'number'
        ? // CASE, not AND: SQL may evaluate AND's operands in any order, and casting a string to numeric throws.
          sql`(case when jsonb_typeof(${value}) = 'number'
            then (${value})::numeric ${f.op === 'gt' ? sql`>` : sql`<`} ${f.value}
            else false end)`
        : sql`false`;
  }
}

/**
 * A split's condition for the contact `contact` (an id column) in workspace `workspaceId`, judged
 * at `now` (the workflow clock), as one boolean expression a page statement evaluates per row;
 * `run` (an id column) is the run whose messages a "message" condition looks at.
 */
export function conditionSql(
  condition: Condition,
  contact: SQL,
  workspaceId: string,
  now: Date,
  run: SQL = sql`null::uuid`,
  own?: OwnLedgerRow,
): SQL {
  switch (condition.kind) {
    case 'has_tag':
      return sql`exists (select 1 from contact_tags ct
        where ct.contact_id = ${contact} and ct.tag_id = ${condition.tagId}::uuid)`;
    case 'attribute':
      return filterSql(
        sql`(select cc.attributes -> ${condition.key} from contacts cc where cc.id = ${contact})`,
        condition,
      );
    case 'event_happened': {
      const since = condition.withinHours
        ? sql`${new Date(now.getTime() - condition.withinHours * 3_600_000).toISOString()}::timestamptz`
        : sql`'-infinity'::timestamptz`;
      return sql`exists (select 1 from inbound_events e
        where e.contact_id = ${contact} and e.workspace_id = ${workspaceId}::uuid and e.type = ${condition.eventName}
          and e.occurred_at >= ${since} and e.occurred_at <= ${now.toISOString()}::timestamptz)`;
    }
    case 'interacted': {
      const since = new Date(now.getTime() - condition.withinHours * 3_600_000).toISOString();
      return sql`exists (select 1 from contact_interactions i
        where i.contact_id = ${contact} and i.channel_account_id = ${condition.channelAccountId}::uuid
          and i.last_interaction_at >= ${since}::timestamptz)`;
    }
    case 'message':
      // A ledger cohort's member is its own send's ledger row: the condition reads it, no probe.
      if (own && own.nodeId === condition.nodeId)
        return sql`(${own.status} = any(${`{${reachedStatuses[condition.status].join(',')}}`}::text[]))`;
      // Statuses only move forward (sent → delivered → read → replied): "read" holds for a reply too.
      return sql`exists (select 1 from deliveries d
        where d.run_id = ${run} and d.node_id = ${condition.nodeId} and d.contact_id = ${contact}
          and d.status = any(${`{${reachedStatuses[condition.status].join(',')}}`}::text[]))`;
  }
}

/**
 * The row being routed is the only ledger row of a contact at `nodeId` in the run (a ledger cohort's member: its
 * first send's one message, entry 0), with its status as `status`: a "message" condition on that step reads it.
 */
export interface OwnLedgerRow {
  nodeId: string;
  status: SQL;
}

/** The ledger statuses at or past a message outcome. */
const reachedStatuses = {
  delivered: ['delivered', 'read', 'replied'],
  read: ['read', 'replied'],
  replied: ['replied'],
} as const;
