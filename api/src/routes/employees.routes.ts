import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, asc, eq, employees, groupChats, upsertEmployees, upsertGroupChats } from '@herald/db';
import type { AppDeps } from '../deps';
import { directoryRoutes as contract, errors, maxEmployeeImport } from '../contracts/index';
import { HeraldError, conflictOn, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { readCsv } from '../services/csv.service';
import { readWecomDirectory } from '../services/wecom-directory.service';
import { contractRoute } from './contract-route';

/** /api/employees and /api/group-chats: add by hand, import a CSV, or sync from a WeCom account's address book. */
export const employeeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    contract.employees.path,
    contractRoute(contract.employees, { permission: 'read', tag: 'contacts' }),
    async (request) => ({
      items: await db
        .select({ id: employees.id, wecomUserId: employees.wecomUserId, name: employees.name })
        .from(employees)
        .where(eq(employees.workspaceId, requireCaller(request).workspaceId))
        .orderBy(asc(employees.name)),
    }),
  );

  app.post(
    contract.createEmployee.path,
    contractRoute(contract.createEmployee, { permission: 'manage', tag: 'contacts' }),
    async (request, reply) => {
      const caller = requireCaller(request);
      const [row] = await db
        .insert(employees)
        .values({ workspaceId: caller.workspaceId, ...request.body })
        .returning()
        .catch(conflictOn(`An employee with the WeCom user id ${request.body.wecomUserId}`));
      return reply.status(201).send({ id: row!.id, wecomUserId: row!.wecomUserId, name: row!.name });
    },
  );

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
      const caller = requireCaller(request);
      const body = request.body;
      if (typeof body !== 'string') return upsertEmployees(db, caller.workspaceId, body.employees);
      const table = await readCsv(body, {
        required: ['wecom_user_id', 'name'],
        maxRows: maxEmployeeImport,
        what: 'employees',
      });
      const rows = table.rows.map(({ line, cells }) => {
        const parsed = contract.createEmployee.body.safeParse({ wecomUserId: cells.wecom_user_id, name: cells.name });
        if (!parsed.success)
          throw new HeraldError(
            'HERALD_ERR_VALIDATION',
            400,
            `Line ${line}: every employee needs a WeCom user id (at most 64 characters) and a name (at most 100).`,
          );
        return parsed.data;
      });
      return upsertEmployees(db, caller.workspaceId, rows);
    },
  );

  app.post(
    contract.syncEmployees.path,
    contractRoute(contract.syncEmployees, {
      permission: 'manage',
      tag: 'contacts',
      description: "Reads the company's members from a WeCom account (user/simplelist) and adds or renames them.",
    }),
    async (request) => {
      const caller = requireCaller(request);
      const { members } = await readWecomDirectory(deps, caller.workspaceId, request.body.channelAccountId, 'members');
      return upsertEmployees(
        db,
        caller.workspaceId,
        members.map((m) => ({ wecomUserId: m.userid, name: m.name })),
      );
    },
  );

  app.get(
    contract.groupChats.path,
    contractRoute(contract.groupChats, { permission: 'read', tag: 'contacts' }),
    async (request) => ({
      items: await db
        .select({
          id: groupChats.id,
          chatId: groupChats.chatId,
          name: groupChats.name,
          ownerEmployeeId: groupChats.ownerEmployeeId,
          memberCount: groupChats.memberCount,
        })
        .from(groupChats)
        .where(eq(groupChats.workspaceId, requireCaller(request).workspaceId))
        .orderBy(asc(groupChats.name)),
    }),
  );

  app.post(
    contract.createGroupChat.path,
    contractRoute(contract.createGroupChat, { permission: 'manage', tag: 'contacts' }),
    async (request, reply) => {
      const caller = requireCaller(request);
      if (request.body.ownerEmployeeId) {
        const [owner] = await db
          .select()
          .from(employees)
          .where(and(eq(employees.id, request.body.ownerEmployeeId), eq(employees.workspaceId, caller.workspaceId)));
        if (!owner) throw notFound('The owning employee');
      }
      const [row] = await db
        .insert(groupChats)
        .values({
          workspaceId: caller.workspaceId,
          chatId: request.body.chatId,
          name: request.body.name,
          ownerEmployeeId: request.body.ownerEmployeeId ?? null,
        })
        .returning()
        .catch(conflictOn('That group chat'));
      return reply.status(201).send({
        id: row!.id,
        chatId: row!.chatId,
        name: row!.name,
        ownerEmployeeId: row!.ownerEmployeeId,
        memberCount: row!.memberCount,
      });
    },
  );

  app.post(
    contract.syncGroupChats.path,
    contractRoute(contract.syncGroupChats, {
      permission: 'manage',
      tag: 'contacts',
      description:
        "Reads a WeCom account's customer group chats (externalcontact/groupchat/list and get) and adds or updates " +
        'them; owners are matched to employees by WeCom user id (sync employees first).',
    }),
    async (request) => {
      const caller = requireCaller(request);
      const { groupChats: chats } = await readWecomDirectory(
        deps,
        caller.workspaceId,
        request.body.channelAccountId,
        'groupChats',
      );
      return upsertGroupChats(
        db,
        caller.workspaceId,
        chats.map((c) => ({ chatId: c.chatId, name: c.name, ownerUserId: c.owner, memberCount: c.memberCount })),
      );
    },
  );

  app.delete(
    contract.deleteGroupChat.path,
    contractRoute(contract.deleteGroupChat, { permission: 'manage', tag: 'contacts' }),
    async (request, reply) => {
      const caller = requireCaller(request);
      const deleted = await db
        .delete(groupChats)
        .where(and(eq(groupChats.id, request.params.id), eq(groupChats.workspaceId, caller.workspaceId)))
        .returning({ id: groupChats.id });
      if (deleted.length === 0) throw notFound('The group chat');
      return reply.status(204).send(null);
    },
  );
};
