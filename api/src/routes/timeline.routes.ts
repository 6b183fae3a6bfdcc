import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contactExists, contactTimeline, type TimelineCursor } from '@herald/db';
import type { AppDeps } from '../deps';
import { notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { timelineRoutes as contract } from '../contracts/index';
import { serve } from './contract-route';

/** /api/contacts/{id}/timeline: the events a contact sent and the messages Herald sent them, newest first. */
export const timelineRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  serve(app, contract.timeline, { permission: 'read', tag: 'contacts' }, async (request) => {
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
  });
};
