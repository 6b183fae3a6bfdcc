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

/** The company a WeCom sandbox corp starts with: three members and one customer group chat each. */
export function defaultDirectory(): { members: WecomMember[]; groupChats: WecomGroupChat[] } {
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
  };
}

/**
 * WeCom's address book as Herald reads it: members (`user/simplelist`, the whole company with
 * `department_id=1&fetch_child=1`) and customer group chats (`externalcontact/groupchat/list`,
 * paged by cursor, then `groupchat/get` for each). Each corp has the default directory until the
 * control API sets another.
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
