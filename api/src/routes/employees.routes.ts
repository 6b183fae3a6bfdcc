import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  deleteGroupChat,
  employeesAmong,
  insertEmployee,
  insertGroupChat,
  listEmployees,
  listGroupChats,
  upsertEmployees,
} from '@herald/db';
import type { AppDeps } from '../deps';
import { directoryRoutes as contract, errors, maxEmployeeImport } from '../contracts/index';
import { conflictOn, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { acceptCsv } from '../services/csv.service';
import { parseEmployeesCsv } from '../services/employees.service';
import { syncWecomEmployees, syncWecomGroupChats } from '../services/wecom-directory.service';
import { serve } from './contract-route';

/** /api/employees and /api/group-chats: add by hand, import a CSV, or sync from a WeCom account's address book. */
export const employeeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  acceptCsv(app, 5 * 1024 * 1024);

  serve(app, contract.employees, { permission: 'read', tag: 'contacts' }, async (request) => ({
    items: await listEmployees(db, { workspaceId: requireCaller(request).workspaceId }),
  }));

  serve(app, contract.createEmployee, { permission: 'manage', tag: 'contacts' }, async (request, reply) => {
    const employee = await insertEmployee(db, {
      workspaceId: requireCaller(request).workspaceId,
      ...request.body,
    }).catch(conflictOn(`An employee with the WeCom user id ${request.body.wecomUserId}`));
    return reply.status(201).send(employee);
  });

  app.post(
    contract.importEmployees.path,
    {
      config: { permission: 'manage' },
      schema: {
        tags: ['contacts'],
        consumes: ['application/json', 'text/csv'],
        description:
          'JSON { employees: [{ wecomUserId, name }] } or a CSV with the columns wecom_user_id and name; existing ' +
          `employees are renamed. At most ${maxEmployeeImport}.`,
        body: contract.importEmployees.body,
        response: { 200: contract.importEmployees.response, 413: errors[400], ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      const employees = typeof body === 'string' ? await parseEmployeesCsv(body) : body.employees;
      return upsertEmployees(db, requireCaller(request).workspaceId, employees);
    },
  );

  serve(app, contract.syncEmployees, { permission: 'manage', tag: 'contacts' }, async (request) =>
    syncWecomEmployees(deps, requireCaller(request).workspaceId, request.body.channelAccountId),
  );

  serve(app, contract.groupChats, { permission: 'read', tag: 'contacts' }, async (request) => ({
    items: await listGroupChats(db, { workspaceId: requireCaller(request).workspaceId }),
  }));

  serve(app, contract.createGroupChat, { permission: 'manage', tag: 'contacts' }, async (request, reply) => {
    const { workspaceId } = requireCaller(request);
    const { chatId, name, ownerEmployeeId = null } = request.body;
    if (ownerEmployeeId && (await employeesAmong(db, { workspaceId, ids: [ownerEmployeeId] })).length === 0)
      throw notFound('The owning employee');
    const chat = await insertGroupChat(db, { workspaceId, chatId, name, ownerEmployeeId }).catch(
      conflictOn('That group chat'),
    );
    return reply.status(201).send(chat);
  });

  serve(app, contract.syncGroupChats, { permission: 'manage', tag: 'contacts' }, async (request) =>
    syncWecomGroupChats(deps, requireCaller(request).workspaceId, request.body.channelAccountId),
  );

  serve(app, contract.deleteGroupChat, { permission: 'manage', tag: 'contacts' }, async (request, reply) => {
    const { workspaceId } = requireCaller(request);
    if (!(await deleteGroupChat(db, { workspaceId, id: request.params.id }))) throw notFound('The group chat');
    return reply.status(204).send(null);
  });
};
