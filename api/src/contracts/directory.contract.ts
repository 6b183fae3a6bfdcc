import { z } from 'zod';
import { idParams, itemsOf } from './common.contract';
import { create, get, post, remove } from './route.contract';

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
  tags: get('/api/tags', itemsOf(tagBody)),
  createTag: create('/api/tags', tagBody, { body: z.object({ name: z.string().trim().min(1).max(100) }) }),
  employees: get('/api/employees', itemsOf(employeeBody)),
  createEmployee: create('/api/employees', employeeBody, { body: employeeInput }),
  /** Creates or renames employees by WeCom user id (JSON here; `text/csv` with wecom_user_id,name also works). */
  importEmployees: post('/api/employees/import', syncResult, {
    body: z.union([z.object({ employees: z.array(employeeInput).min(1).max(maxEmployeeImport) }), z.string()]),
  }),
  /** Reads the company's members from a WeCom account (user/simplelist) and adds or renames them. */
  syncEmployees: post('/api/employees/sync', syncResult, {
    description: "Reads the company's members from a WeCom account (user/simplelist) and adds or renames them.",
    body: wecomAccount,
  }),
  groupChats: get('/api/group-chats', itemsOf(groupChatBody)),
  createGroupChat: create('/api/group-chats', groupChatBody, {
    body: z.object({
      chatId: z.string().trim().min(1).max(64),
      name: z.string().trim().min(1).max(100),
      ownerEmployeeId: z.uuid().optional(),
    }),
  }),
  /** Reads the customer group chats of a WeCom account (externalcontact/groupchat/list and get). */
  syncGroupChats: post('/api/group-chats/sync', syncResult, {
    description:
      "Reads a WeCom account's customer group chats (externalcontact/groupchat/list and get) and adds or updates " +
      'them; owners are matched to employees by WeCom user id (sync employees first).',
    body: wecomAccount,
  }),
  deleteGroupChat: remove('/api/group-chats/:id', z.null(), { params: idParams }),
};
