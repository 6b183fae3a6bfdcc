import { sql, type SQL } from 'drizzle-orm';
import type { SegmentCondition, SegmentDefinition } from '@herald/engine';
import { filterSql } from './journey-conditions';

/**
 * How a rule is judged: over contacts `c` (a row of `contacts` in scope), at `now` (a timestamptz
 * expression: the database's clock, the workflow's, or each event's time), counting only events up to
 * `events` (an event id bound, for "did this event bring the contact in").
 */
export interface SegmentScope {
  now: SQL;
  /** Counts events with `id <= upTo` (or `< upTo` when `strict`), per row. */
  events?: { upTo: SQL; strict: boolean };
  /**
   * `set`: many contacts at once (a count, an audience page) — "at least k times" as one grouped pass
   * over the events; `one`: a few contacts (the trigger) — each probed through its own index entries.
   */
  mode: 'set' | 'one';
}

const since = (scope: SegmentScope, days: number | undefined): SQL =>
  days
    ? sql`and e.occurred_at >= ${scope.now} - make_interval(days => ${days}) and e.occurred_at <= ${scope.now}`
    : sql``;

function eventSql(c: Extract<SegmentCondition, { kind: 'event' }>, scope: SegmentScope): SQL {
  const bound = scope.events ? sql`and e.id ${scope.events.strict ? sql`<` : sql`<=`} ${scope.events.upTo}` : sql``;
  const where = sql`e.type = ${c.eventName} ${since(scope, c.withinDays)} ${bound}`;
  let did: SQL;
  if (c.atLeast <= 1) did = sql`exists (select 1 from inbound_events e where e.contact_id = c.id and ${where})`;
  else if (scope.mode === 'one')
    did = sql`(select count(*)
      from (select 1 from inbound_events e where e.contact_id = c.id and ${where} limit ${c.atLeast}) k)
      >= ${c.atLeast}`;
  else
    did = sql`c.id in (select e.contact_id from inbound_events e where e.contact_id is not null and ${where}
      group by e.contact_id having count(*) >= ${c.atLeast})`;
  return c.did ? did : sql`not (${did})`;
}

/** One condition as a boolean expression over the contact row `c`. */
function conditionSql(c: SegmentCondition, scope: SegmentScope): SQL {
  switch (c.kind) {
    case 'tag': {
      const has = sql`exists (select 1 from contact_tags ct
        where ct.contact_id = c.id and ct.tag_id = ${c.tagId}::uuid)`;
      return c.has ? has : sql`not ${has}`;
    }
    case 'attribute':
      // The same typed comparisons as a split and an event's property filters (a string "5" is not 5).
      return filterSql(sql`(c.attributes -> ${c.key})`, c);
    case 'event':
      return eventSql(c, scope);
    case 'interaction': {
      const did = sql`exists (select 1 from contact_interactions i where i.contact_id = c.id
        and i.channel_account_id = ${c.channelAccountId}::uuid
        and i.last_interaction_at >= ${scope.now} - make_interval(days => ${c.withinDays}))`;
      return c.did ? did : sql`not ${did}`;
    }
  }
}

/**
 * A segment's rule as one boolean expression over contacts `c`: each group's conditions joined by its
 * AND/OR, groups joined by the rule's. Empty groups are left out; a rule with no condition holds for
 * nobody (a segment is never "everyone" by accident).
 */
export function segmentSql(rule: SegmentDefinition, scope: SegmentScope): SQL {
  const groups = rule.groups
    .filter((g) => g.conditions.length > 0)
    .map(
      (g) =>
        sql`(${sql.join(
          g.conditions.map((c) => conditionSql(c, scope)),
          g.match === 'all' ? sql` and ` : sql` or `,
        )})`,
    );
  if (groups.length === 0) return sql`false`;
  return sql`(${sql.join(groups, rule.match === 'all' ? sql` and ` : sql` or `)})`;
}
