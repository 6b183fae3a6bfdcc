import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';

export interface WecomMember {
  userid: string;
  name: string;
}
export interface WecomGroupChat {
  chatId: string;
  name: string;
  owner: string;
  members: string[];
}
/** A customer (external contact) and the members who added them. */
export interface WecomCustomer {
  externalUserId: string;
  name: string;
  followers: string[];
}
export interface WecomDirectory {
  members: WecomMember[];
  groupChats: WecomGroupChat[];
  customers: WecomCustomer[];
}

/** The company a WeCom sandbox corp starts with: three members, their customers (one shared) and two group chats. */
export function defaultDirectory(): WecomDirectory {
  return {
    members: [
      { userid: 'zhangsan', name: 'Zhang San' },
      { userid: 'lisi', name: 'Li Si' },
      { userid: 'wangwu', name: 'Wang Wu' },
    ],
    groupChats: [
      { chatId: 'wr-vip-customers', name: 'VIP customers', owner: 'zhangsan', members: ['wm-a', 'wm-b', 'wm-c'] },
      { chatId: 'wr-new-customers', name: 'New customers', owner: 'lisi', members: ['wm-d', 'wm-e'] },
    ],
    customers: [
      { externalUserId: 'wm-a', name: 'Ann', followers: ['zhangsan'] },
      { externalUserId: 'wm-b', name: 'Bo', followers: ['zhangsan', 'lisi'] },
      { externalUserId: 'wm-c', name: 'Cai', followers: ['lisi'] },
      { externalUserId: 'wm-d', name: 'Dan', followers: ['wangwu'] },
    ],
  };
}

/**
 * WeCom's address book as Herald reads it: members (`user/simplelist`, the whole company with
 * `department_id=1&fetch_child=1`) and customer group chats (`externalcontact/groupchat/list`,
 * paged by cursor, then `groupchat/get` for each) and each member's customers
 * (`externalcontact/batch/get_by_user`: up to 100 members a call, a (customer, member) pair per
 * item, paged by cursor). Each corp has the default directory until the control API sets another.
 */
export async function wecomDirectoryRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  const directoryOf = (corp: string) => {
    let found = ctx.directories.get(corp);
    if (!found) ctx.directories.set(corp, (found = defaultDirectory()));
    return found;
  };

  app.get<{ Querystring: { access_token?: string; department_id?: string } }>(
    '/cgi-bin/user/simplelist',
    async (request) => {
      const who = ctx.tokens.check(request.query.access_token);
      if ('errcode' in who) return who;
      if (!request.query.department_id) return { errcode: 40009, errmsg: 'invalid department_id' };
      return {
        errcode: 0,
        errmsg: 'ok',
        userlist: directoryOf(who.account).members.map((m) => ({ userid: m.userid, name: m.name, department: [1] })),
      };
    },
  );

  app.post<{
    Querystring: { access_token?: string };
    Body: { userid_list?: unknown; limit?: number; cursor?: string };
  }>('/cgi-bin/externalcontact/batch/get_by_user', async (request) => {
    const who = ctx.tokens.check(request.query.access_token);
    if ('errcode' in who) return who;
    const users = request.body?.userid_list;
    if (!Array.isArray(users) || users.length === 0 || users.length > 100)
      return { errcode: 40058, errmsg: 'userid_list must name 1 to 100 members' };
    const limit = Math.min(100, Math.max(1, Number(request.body?.limit ?? 50)));
    const start = Number(request.body?.cursor || 0);
    const wanted = new Set(users.map(String));
    const pairs = directoryOf(who.account).customers.flatMap((c) =>
      c.followers.filter((f) => wanted.has(f)).map((userid) => ({ customer: c, userid })),
    );
    const page = pairs.slice(start, start + limit);
    return {
      errcode: 0,
      errmsg: 'ok',
      external_contact_list: page.map(({ customer, userid }) => ({
        external_contact: { external_userid: customer.externalUserId, name: customer.name, type: 1 },
        follow_info: { userid, remark: '', createtime: 0, tag_id: [] },
      })),
      next_cursor: start + limit < pairs.length ? String(start + limit) : '',
    };
  });

  app.post<{ Querystring: { access_token?: string }; Body: { limit?: number; cursor?: string } }>(
    '/cgi-bin/externalcontact/groupchat/list',
    async (request) => {
      const who = ctx.tokens.check(request.query.access_token);
      if ('errcode' in who) return who;
      const limit = Math.min(1000, Math.max(1, Number(request.body?.limit ?? 100)));
      const start = Number(request.body?.cursor || 0);
      const chats = directoryOf(who.account).groupChats;
      const page = chats.slice(start, start + limit);
      return {
        errcode: 0,
        errmsg: 'ok',
        group_chat_list: page.map((c) => ({ chat_id: c.chatId, status: 0 })),
        next_cursor: start + limit < chats.length ? String(start + limit) : '',
      };
    },
  );

  app.post<{ Querystring: { access_token?: string }; Body: { chat_id?: string } }>(
    '/cgi-bin/externalcontact/groupchat/get',
    async (request) => {
      const who = ctx.tokens.check(request.query.access_token);
      if ('errcode' in who) return who;
      const chat = directoryOf(who.account).groupChats.find((c) => c.chatId === request.body?.chat_id);
      if (!chat) return { errcode: 40050, errmsg: 'chatid not found' };
      return {
        errcode: 0,
        errmsg: 'ok',
        group_chat: {
          chat_id: chat.chatId,
          name: chat.name,
          owner: chat.owner,
          member_list: chat.members.map((userid) => ({ userid, type: 2 })),
        },
      };
    },
  );
}
