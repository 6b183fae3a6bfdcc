import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignOwners,
  contactDetail,
  contactIdByExternalId,
  contactsAmong,
  employeeIdsByUserIds,
  employeesAmong,
  listContacts,
  mergeContacts,
  tagContact,
  templateContacts,
  untagContact,
  updateContact,
  upsertContacts,
} from '@herald/db';
import type { AppDeps } from '../deps';
import { contactRoutes as contract, errors, maxImportRows } from '../contracts/index';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { checkOwners, parseContactsCsv } from '../services/contacts.service';
import { acceptCsv } from '../services/csv.service';
import { syncWecomCustomers } from '../services/wecom-directory.service';
import { serve } from './contract-route';

/** /api/contacts: create, bulk import (JSON or CSV, idempotent on external ids), list, get, update, tag, merge. */
export const contactRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  acceptCsv(app, 50 * 1024 * 1024);

  /** The contact as its page shows it; 404 when it is not the workspace's. */
  const load = async (workspaceId: string, contactId: string) => {
    const contact = await contactDetail(db, { workspaceId, contactId });
    if (!contact) throw notFound('The contact');
    return { ...contact, createdAt: contact.createdAt.toISOString() };
  };

  serve(app, contract.create, { permission: 'write', tag: 'contacts' }, async (request, reply) => {
    const caller = requireCaller(request);
    await checkOwners(db, caller.workspaceId, request.body.owners);
    await upsertContacts(db, { workspaceId: caller.workspaceId, items: [request.body] });
    const id = await contactIdByExternalId(db, {
      workspaceId: caller.workspaceId,
      externalId: request.body.externalId,
    });
    return reply.status(201).send(await load(caller.workspaceId, id!));
  });

  app.post(
    contract.import.path,
    {
      config: { permission: 'write' },
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['contacts'],
        consumes: ['application/json', 'text/csv'],
        description:
          'JSON { contacts: [...] } or a CSV file (text/csv) with a header line: external_id (required), name, ' +
          'email, phone, wechat_openid, wecom_external_userid, chat_number, tags (separated by |), owner (WeCom user ' +
          `ids of owning employees, separated by |). At most ${maxImportRows} contacts.`,
        body: contract.import.body,
        response: { 200: contract.import.response, 413: errors[400], ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const items = typeof request.body === 'string' ? await parseContactsCsv(request.body) : request.body.contacts;
      await checkOwners(
        db,
        caller.workspaceId,
        items.flatMap((i) => i.owners),
      );
      return upsertContacts(db, { workspaceId: caller.workspaceId, items });
    },
  );

  serve(app, contract.list, { permission: 'read', tag: 'contacts' }, async (request) => {
    const caller = requireCaller(request);
    const { rows, total } = await listContacts(db, { workspaceId: caller.workspaceId, ...request.query });
    return {
      items: rows.map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        lastActivityAt: r.lastActivityAt.toISOString(),
      })),
      total,
    };
  });

  serve(app, contract.get, { permission: 'read', tag: 'contacts' }, async (request) =>
    load(requireCaller(request).workspaceId, request.params.id),
  );

  serve(app, contract.templateContext, { permission: 'read', tag: 'contacts' }, async (request) => {
    const { workspaceId } = requireCaller(request);
    const found = await templateContacts(db, { workspaceId, contactIds: [request.params.id] });
    const contact = found.get(request.params.id);
    if (!contact) throw notFound('The contact');
    return contact;
  });

  serve(app, contract.update, { permission: 'write', tag: 'contacts' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    const { attributes, owners, ...rest } = request.body;
    if (owners) {
      await checkOwners(db, caller.workspaceId, owners);
      const employeeIds = await employeeIdsByUserIds(db, { workspaceId: caller.workspaceId, userIds: owners });
      await assignOwners(db, {
        workspaceId: caller.workspaceId,
        contactIds: [request.params.id],
        employeeIds,
        mode: 'replace',
      });
    }
    await updateContact(db, { contactId: request.params.id, ...rest, ...(attributes ? { attributes } : {}) });
    return load(caller.workspaceId, request.params.id);
  });

  serve(app, contract.assignOwners, { permission: 'write', tag: 'contacts' }, async (request) => {
    const caller = requireCaller(request);
    const { contactIds, employeeIds, mode } = request.body;
    const employees = await employeesAmong(db, { workspaceId: caller.workspaceId, ids: employeeIds });
    if (employees.length !== new Set(employeeIds).size) throw notFound('One of the employees');
    const contacts = await contactsAmong(db, { workspaceId: caller.workspaceId, ids: contactIds });
    if (contacts.length !== new Set(contactIds).size) throw notFound('One of the contacts');
    return { changed: await assignOwners(db, { workspaceId: caller.workspaceId, contactIds, employeeIds, mode }) };
  });

  serve(app, contract.syncCustomers, { permission: 'write', tag: 'contacts' }, async (request) =>
    syncWecomCustomers(deps, requireCaller(request).workspaceId, request.body.channelAccountId),
  );

  serve(app, contract.tag, { permission: 'write', tag: 'contacts' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    const { tagIds } = request.body;
    if (!(await tagContact(db, { workspaceId: caller.workspaceId, contactId: request.params.id, tagIds })))
      throw notFound('One of the tags');
    return load(caller.workspaceId, request.params.id);
  });

  serve(app, contract.untag, { permission: 'write', tag: 'contacts' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    const { id: contactId, tagId } = request.params;
    await untagContact(db, { workspaceId: caller.workspaceId, contactId, tagId });
    return load(caller.workspaceId, request.params.id);
  });

  serve(app, contract.merge, { permission: 'write', tag: 'contacts' }, async (request) => {
    const caller = requireCaller(request);
    if (request.body.otherId === request.params.id)
      throw new HeraldError('HERALD_ERR_VALIDATION', 400, 'A contact cannot be merged into itself; choose another.');
    const merged = await mergeContacts(db, {
      workspaceId: caller.workspaceId,
      keepId: request.params.id,
      otherId: request.body.otherId,
    });
    if (!merged) throw notFound('One of the two contacts');
    return load(caller.workspaceId, request.params.id);
  });
};
