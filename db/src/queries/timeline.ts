import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { deliveryBatchJoin, deliverySentAt, deliveryStatus } from '../ledger';
import { rowsOf } from '../rows';

/** An event a contact sent, on their timeline. */
export interface TimelineEvent {
  kind: 'event';
  id: string;
  at: Date;
  /** Microseconds since the epoch: the page cursor's time. */
  atUs: string;
  type: string;
  source: string;
  properties: Record<string, unknown>;
}

/** A message Herald sent (or skipped) a contact, on their timeline. */
export interface TimelineMessage {
  kind: 'message';
  id: string;
  at: Date;
  atUs: string;
  method: string;
  status: string;
  reason: string | null;
  recipient: string | null;
  /** The broadcast's or the journey's name. */
  title: string;
  /** The message's text where it has one (from the published version that sent it). */
  content: string | null;
  broadcastId: string | null;
  journeyId: string | null;
}

export type TimelineItem = TimelineEvent | TimelineMessage;

/** Where the previous page ended: (time in microseconds, kind, id), which is unique. */
export interface TimelineCursor {
  atUs: string;
  kind: 'event' | 'message';
  id: string;
}

/**
 * A page of a contact's timeline, newest first: the events they sent and the messages sent to them,
 * each side filtered by workspace and contact first, the page cut on (time, kind, id).
 */
export async function contactTimeline(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string; cursor?: TimelineCursor | undefined; limit: number },
): Promise<TimelineItem[]> {
  const sentAt = sql`coalesce(${deliverySentAt}, d.created_at)`;
  const c = p.cursor;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
    select * from (
      select 'event'::text as kind, e.id, e.occurred_at as at,
        (extract(epoch from e.occurred_at) * 1000000)::bigint as at_us,
        e.type, e.source, e.properties, null::text as method, null::text as status, null::text as reason,
        null::text as recipient, null::text as title, null::text as content, null::uuid as broadcast_id,
        null::uuid as journey_id
      from inbound_events e where e.workspace_id = ${p.workspaceId}::uuid and e.contact_id = ${p.contactId}::uuid
      union all
      select 'message'::text, d.id, ${sentAt}, (extract(epoch from ${sentAt}) * 1000000)::bigint,
        null, null, null, d.method, ${deliveryStatus}, coalesce(d.skip_reason, d.error_code), d.recipient,
        coalesce(bc.name, j.name, ''),
        coalesce(jsonb_path_query_first(v.graph, '$.nodes[*] ? (@.id == $id).data.messages',
          jsonb_build_object('id', d.node_id)) -> d.message_index ->> 'text', nullif(bc.content_summary, '')),
        bc.id, case when j.kind = 'journey' then j.id end
      from deliveries d join runs r on r.id = d.run_id join journey_versions v on v.id = r.journey_version_id
        join journeys j on j.id = v.journey_id left join broadcasts bc on bc.id = r.broadcast_id ${deliveryBatchJoin}
      where d.workspace_id = ${p.workspaceId}::uuid and d.contact_id = ${p.contactId}::uuid
    ) x
    ${c ? sql`where (x.at_us, x.kind, x.id) < (${c.atUs}::bigint, ${c.kind}::text, ${c.id}::bigint)` : sql``}
    order by x.at_us desc, x.kind desc, x.id desc limit ${p.limit}`),
  );
  return rows.map((r): TimelineItem => {
    const base = { id: String(r.id), at: new Date(r.at as string), atUs: String(r.at_us) };
    return r.kind === 'event'
      ? {
          kind: 'event',
          ...base,
          type: String(r.type),
          source: String(r.source),
          properties: (r.properties as Record<string, unknown> | null) ?? {},
        }
      : {
          kind: 'message',
          ...base,
          method: String(r.method),
          status: String(r.status),
          reason: (r.reason as string | null) ?? null,
          recipient: (r.recipient as string | null) ?? null,
          title: String(r.title ?? ''),
          content: (r.content as string | null) ?? null,
          broadcastId: (r.broadcast_id as string | null) ?? null,
          journeyId: (r.journey_id as string | null) ?? null,
        };
  });
}
