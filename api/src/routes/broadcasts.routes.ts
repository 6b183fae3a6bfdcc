import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  eq,
  sql,
  broadcastStatuses,
  deliveryBatchJoin,
  deliverySentAt,
  deliveryStatus,
  exports as exportsTable,
  journeys,
  journeyVersions,
  rowsOf,
} from '@herald/db';
import { audienceSchema, methodIds } from '@herald/engine';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';
import { broadcastEdit, broadcastItem as listItem } from '../schemas/broadcast.schema';
import {
  broadcastColumns,
  broadcastInput,
  createBroadcast,
  currentRun,
  loadBroadcastRow,
  toBroadcastItem as toItem,
  transitionBroadcast,
} from '../services/broadcasts.service';
import { editBroadcast } from '../services/broadcast-edit.service';
import { exportRows, toCsv, toXlsx } from '../services/export.service';

const stats = z.object({
  total: z.number(),
  sent: z.number(),
  delivered: z.number(),
  failed: z.number(),
  skipped: z.number(),
  pending: z.number(),
  skippedByReason: z.record(z.string(), z.number()),
  readRate: z.number(),
  replyRate: z.number(),
  progress: z.number(),
});

/** /api/broadcasts: single-node journeys with their own list and detail pages. */
export const broadcastRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const load = (workspaceId: string, id: string) => loadBroadcastRow(db, workspaceId, id);

  app.post(
    '/api/broadcasts',
    { schema: { tags: ['broadcasts'], body: broadcastInput, response: { 201: listItem, ...errors } } },
    async (request, reply) => {
      const caller = requireCaller(request);
      const id = await createBroadcast(deps, caller.workspaceId, caller.memberId, request.body);
      return reply.status(201).send(toItem(await load(caller.workspaceId, id)));
    },
  );

  app.get(
    '/api/broadcasts',
    {
      schema: {
        tags: ['broadcasts'],
        querystring: z.object({
          search: z.string().max(200).optional(),
          status: z.enum(broadcastStatuses).optional(),
          sort: z
            .enum(['created_desc', 'created_asc', 'send_at_desc', 'send_at_asc', 'name_asc'])
            .default('created_desc'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(listItem), total: z.number() }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const { search, status, sort, limit, offset } = request.query;
      const where = sql`b.workspace_id = ${caller.workspaceId}::uuid ${search ? sql`and b.name ilike ${`%${search.replace(/[%_\\]/g, '\\$&')}%`}` : sql``} ${status ? sql`and b.status = ${status}` : sql``}`;
      const order = {
        created_desc: sql`b.created_at desc`,
        created_asc: sql`b.created_at asc`,
        send_at_desc: sql`b.send_at desc nulls last`,
        send_at_asc: sql`b.send_at asc nulls last`,
        name_asc: sql`b.name asc`,
      }[sort];
      const list = rowsOf<Record<string, unknown>>(
        await db.execute(
          sql`select ${broadcastColumns} from broadcasts b where ${where} order by ${order}, b.id limit ${limit} offset ${offset}`,
        ),
      );
      const [count] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from broadcasts b where ${where}`),
      );
      return { items: list.map(toItem), total: count?.n ?? 0 };
    },
  );

  app.get(
    '/api/broadcasts/:id',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        response: { 200: listItem.extend({ runId: z.string().nullable(), stats }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const row = await load(caller.workspaceId, request.params.id);
      const run = await currentRun(db, request.params.id);
      const statuses = run
        ? rowsOf<{ status: string; reason: string | null; n: number }>(
            await db.execute(
              sql`select ${deliveryStatus} as status, d.skip_reason as reason, count(*)::int as n from deliveries d ${deliveryBatchJoin} where d.run_id = ${run.id}::uuid group by 1, 2`,
            ),
          )
        : [];
      const n = (...s: string[]) => statuses.filter((x) => s.includes(x.status)).reduce((a, x) => a + x.n, 0);
      const sent = n('sent', 'delivered', 'read', 'replied');
      const total = run?.total ?? 0;
      const done = sent + n('failed', 'skipped');
      return {
        ...toItem(row),
        runId: run?.id ?? null,
        stats: {
          total,
          sent,
          delivered: n('delivered', 'read', 'replied'),
          failed: n('failed'),
          skipped: n('skipped'),
          pending: n('pending', 'sending'),
          skippedByReason: Object.fromEntries(
            statuses.filter((x) => x.status === 'skipped').map((x) => [x.reason ?? 'unknown', x.n]),
          ),
          readRate: sent ? n('read', 'replied') / sent : 0,
          replyRate: sent ? n('replied') / sent : 0,
          progress: total ? Math.min(1, done / total) : row.status === 'completed' ? 1 : 0,
        },
      };
    },
  );

  app.get(
    '/api/broadcasts/:id/recipients',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        querystring: z.object({
          status: z.string().max(20).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.coerce.number().int().optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                deliveryId: z.number(),
                contactId: z.string(),
                contactName: z.string(),
                recipient: z.string().nullable(),
                employee: z.string().nullable(),
                status: z.string(),
                reason: z.string().nullable(),
                sentAt: z.string().nullable(),
              }),
            ),
            nextCursor: z.number().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      const run = await currentRun(db, request.params.id);
      if (!run) return { items: [], nextCursor: null };
      const { status, limit, cursor } = request.query;
      const list = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
      select d.id, d.contact_id, coalesce(c.name, g.name, '') as contact_name, d.recipient, e.name as employee, ${deliveryStatus} as status, coalesce(d.skip_reason, d.error_code) as reason, ${deliverySentAt} as sent_at
      from deliveries d ${deliveryBatchJoin} left join contacts c on c.id = d.contact_id left join group_chats g on g.id = d.contact_id left join employees e on e.id = d.owner_employee_id
      where d.run_id = ${run.id}::uuid ${status ? sql`and ${deliveryStatus} = ${status}` : sql``} ${cursor ? sql`and d.id > ${cursor}` : sql``} order by d.id limit ${limit}`),
      );
      const items = list.map((r) => ({
        deliveryId: Number(r.id),
        contactId: String(r.contact_id),
        contactName: String(r.contact_name),
        recipient: (r.recipient as string | null) ?? null,
        employee: (r.employee as string | null) ?? null,
        status: String(r.status),
        reason: (r.reason as string | null) ?? null,
        sentAt: r.sent_at ? new Date(r.sent_at as string).toISOString() : null,
      }));
      return { items, nextCursor: items.length === limit ? items[items.length - 1]!.deliveryId : null };
    },
  );

  app.get(
    '/api/broadcasts/:id/employees',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                employeeId: z.string().nullable(),
                name: z.string(),
                delivered: z.number(),
                undelivered: z.number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      const run = await currentRun(db, request.params.id);
      if (!run) return { items: [] };
      const list = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
      select d.owner_employee_id as id, coalesce(e.name, '(no owner)') as name,
        count(*) filter (where ${deliveryStatus} in ('sent','delivered','read','replied'))::int as delivered, count(*) filter (where ${deliveryStatus} not in ('sent','delivered','read','replied'))::int as undelivered
      from deliveries d ${deliveryBatchJoin} left join employees e on e.id = d.owner_employee_id where d.run_id = ${run.id}::uuid group by 1, 2 order by 2`),
      );
      return {
        items: list.map((r) => ({
          employeeId: (r.id as string | null) ?? null,
          name: String(r.name),
          delivered: Number(r.delivered),
          undelivered: Number(r.undelivered),
        })),
      };
    },
  );

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    app.post(
      `/api/broadcasts/:id/${action}`,
      { schema: { tags: ['broadcasts'], params: idParams, response: { 200: listItem, ...errors } } },
      async (request) => {
        const caller = requireCaller(request);
        await transitionBroadcast(deps, caller.workspaceId, caller.memberId, request.params.id, action);
        return toItem(await load(caller.workspaceId, request.params.id));
      },
    );
  }

  app.put(
    '/api/broadcasts/:id',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        body: broadcastEdit,
        description:
          'Edit a pending broadcast: name, audience, messages, send time. Its waiting workflow is replaced by one that sends the new content at the new time. Any other status: 409 HERALD_ERR_INVALID_STATE, nothing changed.',
        response: { 200: listItem, 503: errors[400], ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await editBroadcast(deps, caller.workspaceId, caller.memberId, request.params.id, request.body);
      return toItem(await load(caller.workspaceId, request.params.id));
    },
  );

  app.post(
    '/api/broadcasts/:id/copy',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        body: z
          .object({
            name: z.string().trim().min(1).max(200).optional(),
            sendType: z.enum(['immediate', 'timed']).default('immediate'),
            sendAt: z.iso.datetime({ offset: true }).optional(),
          })
          .default({ sendType: 'immediate' }),
        response: { 201: listItem, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const row = await load(caller.workspaceId, request.params.id);
      const [journey] = await db
        .select({ graph: journeyVersions.graph })
        .from(journeys)
        .innerJoin(journeyVersions, eq(journeyVersions.id, journeys.currentVersionId))
        .where(eq(journeys.id, String(row.journey_id)));
      const graph = journey?.graph as { nodes: Array<{ kind: string; data: Record<string, unknown> }> } | undefined;
      const send = graph?.nodes.find((n) => n.kind === 'send')?.data;
      const trigger = graph?.nodes.find((n) => n.kind === 'audience')?.data;
      if (!send || !trigger)
        throw new HeraldError('HERALD_ERR_INVALID_STATE', 409, 'This broadcast has no published content to copy.');
      const id = await createBroadcast(
        deps,
        caller.workspaceId,
        caller.memberId,
        broadcastInput.parse({
          name: request.body.name ?? `${String(row.name)} (copy)`,
          channelAccountId: send.channelAccountId,
          method: send.method,
          type: send.type,
          groupName: send.groupName,
          messages: send.messages,
          audience: trigger.audience,
          sendType: request.body.sendType,
          sendAt: request.body.sendAt,
        }),
      );
      return reply.status(201).send(toItem(await load(caller.workspaceId, id)));
    },
  );

  app.post(
    '/api/broadcasts/preview',
    {
      schema: {
        tags: ['broadcasts'],
        body: z.object({ channelAccountId: z.uuid(), method: z.enum(methodIds), audience: audienceSchema }),
        response: { 200: z.object({ audience: z.number(), reachable: z.number(), sendable: z.number() }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      if (!deps.previewSend)
        throw new HeraldError('HERALD_ERR_PREVIEW_UNAVAILABLE', 503, 'Previews are not available on this server.');
      return deps.previewSend(deps, { workspaceId: caller.workspaceId, ...request.body }).catch((error: unknown) => {
        throw (error as { code?: string }).code === 'HERALD_ERR_ACCOUNT_NOT_FOUND'
          ? notFound('The channel account')
          : error;
      });
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/broadcasts/:id/export.${format}`,
      { schema: { tags: ['broadcasts'], params: idParams } },
      async (request, reply) => {
        const caller = requireCaller(request);
        const row = await load(caller.workspaceId, request.params.id);
        const run = await currentRun(db, request.params.id);
        const list = run ? await exportRows(db, run.id) : [];
        const filename = `broadcast-${String(row.id)}.${format}`;
        reply.header('content-disposition', `attachment; filename="${filename}"`);
        if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(toCsv(list));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await toXlsx(list, String(row.name)));
      },
    );
  }

  app.post(
    '/api/broadcasts/:id/export/email',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        body: z.object({
          format: z.enum(['csv', 'xlsx']),
          to: z.array(z.email().max(200)).min(1).max(20),
          subject: z.string().trim().min(1).max(200),
        }),
        response: { 202: z.object({ exportId: z.string(), rows: z.number() }), ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const row = await load(caller.workspaceId, request.params.id);
      if (!deps.mailer)
        throw new HeraldError(
          'HERALD_ERR_EMAIL_UNAVAILABLE',
          503,
          'No SMTP server is configured for exports (set HERALD_SMTP_URL).',
        );
      const run = await currentRun(db, request.params.id);
      const list = run ? await exportRows(db, run.id) : [];
      const { format, to, subject } = request.body;
      const content = format === 'csv' ? Buffer.from(toCsv(list)) : await toXlsx(list, String(row.name));
      const [record] = await db
        .insert(exportsTable)
        .values({
          workspaceId: caller.workspaceId,
          broadcastId: request.params.id,
          format,
          status: 'pending',
          rowCount: list.length,
          emailedTo: to,
          subject,
          createdBy: caller.memberId,
        })
        .returning();
      try {
        await deps.mailer.sendMail({
          to,
          subject,
          text: `${String(row.name)}: ${list.length} recipients, attached as ${format.toUpperCase()}.`,
          attachments: [{ filename: `broadcast-${String(row.id)}.${format}`, content }],
        });
        await db.update(exportsTable).set({ status: 'emailed' }).where(eq(exportsTable.id, record!.id));
      } catch (error) {
        await db.update(exportsTable).set({ status: 'failed' }).where(eq(exportsTable.id, record!.id));
        throw new HeraldError(
          'HERALD_ERR_EMAIL_FAILED',
          502,
          `The export could not be emailed: ${(error as Error).message}`,
        );
      }
      return reply.status(202).send({ exportId: record!.id, rows: list.length });
    },
  );
};
