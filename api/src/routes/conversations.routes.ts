import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contactOf, conversationBroadcasts } from '@herald/db';
import type { AppDeps } from '../deps';
import { notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { broadcastItem, errors, timelineRoutes } from '../contracts/index';
import {
  checkSendTime,
  createBroadcast,
  loadBroadcastRow,
  toBroadcastItem,
  transitionBroadcast,
} from '../services/broadcasts.service';
import { publishGate } from '../services/approvals.service';
import { serve } from './contract-route';

const scheduled = timelineRoutes.scheduledMessages;
const contactParams = z.object({ contactId: z.uuid() });
const messageParams = contactParams.extend({ id: z.uuid() });
const scheduledMessage = timelineRoutes.scheduleMessage.body;

/**
 * /api/conversations/{contactId}/scheduled-messages: a timed message into one conversation. It
 * is a broadcast whose audience is that contact (conversation_contact_id set), so it is listed,
 * edited (PUT /api/broadcasts/{id}) and reported with the broadcasts.
 */
export const conversationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const loadContact = async (workspaceId: string, contactId: string) => {
    const contact = await contactOf(db, { workspaceId, contactId });
    if (!contact) throw notFound('The contact');
    return contact;
  };
  const messageOf = async (workspaceId: string, contactId: string, id: string) => {
    const row = await loadBroadcastRow(db, workspaceId, id).catch(() => null);
    if (!row || row.conversationContactId !== contactId) throw notFound('The scheduled message');
    return row;
  };

  app.post(
    '/api/conversations/:contactId/scheduled-messages',
    {
      config: { permission: 'write' },
      schema: {
        tags: ['conversations'],
        params: contactParams,
        body: scheduledMessage,
        response: { 201: broadcastItem, 503: errors[400], ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const contact = await loadContact(caller.workspaceId, request.params.contactId);
      const { name, channelAccountId, method, messages, sendAt } = request.body;
      checkSendTime({ sendType: 'timed', sendAt }, deps.now?.() ?? new Date());
      const id = await createBroadcast(
        deps,
        caller.workspaceId,
        caller.memberId,
        {
          name: name ?? `Message to ${contact.name || 'contact'}`.slice(0, 200),
          channelAccountId,
          method,
          type: 'contacts',
          messages,
          audience: { kind: 'contacts', contactIds: [contact.id] },
          sendType: 'timed',
          sendAt,
        },
        contact.id,
        publishGate(deps, caller),
      );
      return reply.status(201).send(toBroadcastItem(await loadBroadcastRow(db, caller.workspaceId, id)));
    },
  );

  serve(app, scheduled, { permission: 'read', tag: 'conversations' }, async (request) => {
    const caller = requireCaller(request);
    await loadContact(caller.workspaceId, request.params.contactId);
    const { status } = request.query;
    const list = await conversationBroadcasts(db, {
      workspaceId: caller.workspaceId,
      contactId: request.params.contactId,
      status,
      limit: 500,
    });
    return { items: list.map(toBroadcastItem) };
  });

  app.post(
    '/api/conversations/:contactId/scheduled-messages/:id/cancel',
    {
      config: { permission: 'write' },
      schema: {
        tags: ['conversations'],
        params: messageParams,
        response: { 200: broadcastItem, 503: errors[400], ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await messageOf(caller.workspaceId, request.params.contactId, request.params.id);
      await transitionBroadcast(deps, caller.workspaceId, caller.memberId, request.params.id, 'cancel');
      return toBroadcastItem(await loadBroadcastRow(db, caller.workspaceId, request.params.id));
    },
  );
};
