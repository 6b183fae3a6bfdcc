import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contactExists, contactTimeline, type TimelineCursor } from '@herald/db';
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
      const contactId = request.params.id;
      if (!(await contactExists(db, { workspaceId: caller.workspaceId, contactId }))) throw notFound('The contact');
      const { limit, cursor } = request.query;
      const [atUs, kind, id] = cursor ? cursor.split(':') : [];
      const page = await contactTimeline(db, {
        workspaceId: caller.workspaceId,
        contactId,
        limit,
        ...(cursor ? { cursor: { atUs, kind, id } as TimelineCursor } : {}),
      });
      const last = page[page.length - 1];
      return {
        items: page.map(({ atUs: _, ...item }) => ({ ...item, at: item.at.toISOString() })),
        nextCursor: page.length === limit && last ? `${last.atUs}:${last.kind}:${last.id}` : null,
      };
    },
  );
};
