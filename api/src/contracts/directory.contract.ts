import { z } from 'zod';
import { idParams } from './common.contract';
import { route } from './route.contract';

export const tagBody = z.object({ id: z.string(), name: z.string() });
export type Tag = z.infer<typeof tagBody>;

export const employeeBody = z.object({ id: z.string(), wecomUserId: z.string(), name: z.string() });
export type Employee = z.infer<typeof employeeBody>;
export const employeeInput = z.object({
  wecomUserId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
});
export type EmployeeInput = z.input<typeof employeeInput>;

/** At most this many employees in one import. */
export const maxEmployeeImport = 10_000;

export const groupChatBody = z.object({
  id: z.string(),
  chatId: z.string(),
  name: z.string(),
  ownerEmployeeId: z.string().nullable(),
  memberCount: z.number(),
});
export type GroupChat = z.infer<typeof groupChatBody>;

/** What a sync or an import changed. */
export const syncResult = z.object({ created: z.number(), updated: z.number() });
export type SyncResult = z.infer<typeof syncResult>;

const wecomAccount = z.object({ channelAccountId: z.uuid() });

export const directoryRoutes = {
  tags: route({ method: 'GET', path: '/api/tags', status: 200, response: z.object({ items: z.array(tagBody) }) }),
  createTag: route({
    method: 'POST',
    path: '/api/tags',
    body: z.object({ name: z.string().trim().min(1).max(100) }),
    status: 201,
    response: tagBody,
  }),
  employees: route({
    method: 'GET',
    path: '/api/employees',
    status: 200,
    response: z.object({ items: z.array(employeeBody) }),
  }),
  createEmployee: route({
    method: 'POST',
    path: '/api/employees',
    body: employeeInput,
    status: 201,
    response: employeeBody,
  }),
  /** Creates or renames employees by WeCom user id (JSON here; `text/csv` with wecom_user_id,name also works). */
  importEmployees: route({
    method: 'POST',
    path: '/api/employees/import',
    body: z.union([z.object({ employees: z.array(employeeInput).min(1).max(maxEmployeeImport) }), z.string()]),
    status: 200,
    response: syncResult,
  }),
  /** Reads the company's members from a WeCom account (user/simplelist) and adds or renames them. */
  syncEmployees: route({
    method: 'POST',
    path: '/api/employees/sync',
    body: wecomAccount,
    status: 200,
    response: syncResult,
  }),
  groupChats: route({
    method: 'GET',
    path: '/api/group-chats',
    status: 200,
    response: z.object({ items: z.array(groupChatBody) }),
  }),
  createGroupChat: route({
    method: 'POST',
    path: '/api/group-chats',
    body: z.object({
      chatId: z.string().trim().min(1).max(64),
      name: z.string().trim().min(1).max(100),
      ownerEmployeeId: z.uuid().optional(),
    }),
    status: 201,
    response: groupChatBody,
  }),
  /** Reads the customer group chats of a WeCom account (externalcontact/groupchat/list and get). */
  syncGroupChats: route({
    method: 'POST',
    path: '/api/group-chats/sync',
    body: wecomAccount,
    status: 200,
    response: syncResult,
  }),
  deleteGroupChat: route({
    method: 'DELETE',
    path: '/api/group-chats/:id',
    params: idParams,
    status: 204,
    response: z.null(),
  }),
};
