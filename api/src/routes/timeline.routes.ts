import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq, sql, contacts, deliveryBatchJoin, deliverySentAt, deliveryStatus, rowsOf } from '@herald/db';
import type { AppDeps } from '../deps';
import { notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';

const eventItem = z.object({
  kind: z.literal('event'),
  id: z.string(),
  at: z.string(),
  type: z.string(),
  source: z.string(),
  properties: z.record(z.string(), z.unknown()),
});
const messageItem = z.object({
  kind: z.literal('message'),
  id: z.string(),
  at: z.string(),
  method: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  recipient: z.string().nullable(),
  /** The broadcast's or the journey's name. */
  title: z.string(),
  /** The message's text where it has one (from the published version that sent it). */
  content: z.string().nullable(),
  broadcastId: z.string().nullable(),
  journeyId: z.string().nullable(),
});
/** `{microseconds since epoch}:{event|message}:{id}` of the last item of the previous page. */
const cursorSchema = z
  .string()
  .regex(/^\d{1,20}:(event|message):\d{1,20}$/, 'Use the nextCursor of the previous page.');

/** /api/contacts/{id}/timeline: the events a contact sent and the messages Herald sent them, newest first. */
export const timelineRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/api/contacts/:id/timeline',
    {
      schema: {
        tags: ['contacts'],
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: cursorSchema.optional(),
        }),
        response: {
          200: z.object({
            items: z.array(z.discriminatedUnion('kind', [eventItem, messageItem])),
            nextCursor: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const [contact] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.id, request.params.id), eq(contacts.workspaceId, caller.workspaceId)));
      if (!contact) throw notFound('The contact');
      const { limit, cursor } = request.query;
      const [atUs, kind, id] = cursor ? cursor.split(':') : [];
      // Both sides filtered by workspace and contact first; the page is cut on (time, kind, id), which is unique.
      const list = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
      select * from (
        select 'event'::text as kind, e.id, e.occurred_at as at, (extract(epoch from e.occurred_at) * 1000000)::bigint as at_us,
          e.type, e.source, e.properties, null::text as method, null::text as status, null::text as reason, null::text as recipient,
          null::text as title, null::text as content, null::uuid as broadcast_id, null::uuid as journey_id
        from inbound_events e where e.workspace_id = ${caller.workspaceId}::uuid and e.contact_id = ${contact.id}::uuid
        union all
        select 'message'::text, d.id, coalesce(${deliverySentAt}, d.created_at), (extract(epoch from coalesce(${deliverySentAt}, d.created_at)) * 1000000)::bigint,
          null, null, null, d.method, ${deliveryStatus}, coalesce(d.skip_reason, d.error_code), d.recipient,
          coalesce(bc.name, j.name, ''),
          coalesce(jsonb_path_query_first(v.graph, '$.nodes[*] ? (@.id == $id).data.messages', jsonb_build_object('id', d.node_id)) -> d.message_index ->> 'text', nullif(bc.content_summary, '')),
          bc.id, case when j.kind = 'journey' then j.id end
        from deliveries d join runs r on r.id = d.run_id join journey_versions v on v.id = r.journey_version_id join journeys j on j.id = v.journey_id
          left join broadcasts bc on bc.id = r.broadcast_id ${deliveryBatchJoin}
        where d.workspace_id = ${caller.workspaceId}::uuid and d.contact_id = ${contact.id}::uuid
      ) x
      ${cursor ? sql`where (x.at_us, x.kind, x.id) < (${atUs}::bigint, ${kind}::text, ${id}::bigint)` : sql``}
      order by x.at_us desc, x.kind desc, x.id desc limit ${limit}`),
      );
      const items = list.map((r) => {
        const base = { id: String(r.id), at: new Date(r.at as string).toISOString() };
        return r.kind === 'event'
          ? {
              kind: 'event' as const,
              ...base,
              type: String(r.type),
              source: String(r.source),
              properties: (r.properties as Record<string, unknown> | null) ?? {},
            }
          : {
              kind: 'message' as const,
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
      const last = list[list.length - 1];
      return {
        items,
        nextCursor:
          list.length === limit && last ? `${String(last.at_us)}:${String(last.kind)}:${String(last.id)}` : null,
      };
    },
  );
};
