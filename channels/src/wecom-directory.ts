import { fromErrcode } from './channel.errors';
import type { AccountConfig } from './channel.types';
import type { WecomAdapter } from './wecom.adapter';

export interface WecomMemberRecord {
  userid: string;
  name: string;
}
export interface WecomGroupChatRecord {
  chatId: string;
  name: string;
  /** The owning member's userid. */
  owner: string;
  memberCount: number;
}

type Answer = { errcode?: number; errmsg?: string };

const check = <T extends Answer>(answer: T): T => {
  if (answer.errcode) throw fromErrcode(answer.errcode, answer.errmsg ?? '');
  return answer;
};

/** Every member of the company (`user/simplelist` from the root department, children included). */
export async function wecomMembers(adapter: WecomAdapter, account: AccountConfig): Promise<WecomMemberRecord[]> {
  const answer = check(
    await adapter.request<Answer & { userlist?: Array<{ userid: string; name: string }> }>(
      account,
      '/cgi-bin/user/simplelist',
      { department_id: '1', fetch_child: '1' },
    ),
  );
  return (answer.userlist ?? []).map((u) => ({ userid: u.userid, name: u.name }));
}

/** Every customer group chat (`externalcontact/groupchat/list` page by page, then `groupchat/get` each). */
export async function wecomGroupChats(
  adapter: WecomAdapter,
  account: AccountConfig,
  maxChats = 10_000,
): Promise<WecomGroupChatRecord[]> {
  const ids: string[] = [];
  let cursor = '';
  do {
    const page = check(
      await adapter.request<Answer & { group_chat_list?: Array<{ chat_id: string }>; next_cursor?: string }>(
        account,
        '/cgi-bin/externalcontact/groupchat/list',
        {},
        { status_filter: 0, limit: 1000, cursor },
      ),
    );
    ids.push(...(page.group_chat_list ?? []).map((c) => c.chat_id));
    cursor = page.next_cursor ?? '';
  } while (cursor && ids.length < maxChats);
  const chats: WecomGroupChatRecord[] = [];
  for (const chatId of ids.slice(0, maxChats)) {
    const answer = check(
      await adapter.request<
        Answer & { group_chat?: { chat_id: string; name: string; owner: string; member_list?: unknown[] } }
      >(account, '/cgi-bin/externalcontact/groupchat/get', {}, { chat_id: chatId }),
    );
    const chat = answer.group_chat;
    if (chat)
      chats.push({
        chatId: chat.chat_id,
        name: chat.name,
        owner: chat.owner,
        memberCount: chat.member_list?.length ?? 0,
      });
  }
  return chats;
}

export interface WecomCustomer {
  externalUserId: string;
  name: string;
  /** The members who added the customer (their WeCom user ids). */
  followers: string[];
}

/**
 * Every customer of these members (`externalcontact/batch/get_by_user`: up to 100 members a call,
 * a (customer, member) pair per item, 100 a page), one record per customer with all its followers.
 */
export async function wecomCustomers(
  adapter: WecomAdapter,
  account: AccountConfig,
  userids: readonly string[],
  maxPairs = 200_000,
): Promise<WecomCustomer[]> {
  const byId = new Map<string, WecomCustomer>();
  let pairs = 0;
  for (let i = 0; i < userids.length; i += 100) {
    let cursor = '';
    do {
      const page = check(
        await adapter.request<
          Answer & {
            external_contact_list?: Array<{
              external_contact: { external_userid: string; name?: string };
              follow_info: { userid: string };
            }>;
            next_cursor?: string;
          }
        >(
          account,
          '/cgi-bin/externalcontact/batch/get_by_user',
          {},
          { userid_list: userids.slice(i, i + 100), cursor, limit: 100 },
        ),
      );
      for (const item of page.external_contact_list ?? []) {
        const id = item.external_contact.external_userid;
        const customer = byId.get(id) ?? { externalUserId: id, name: item.external_contact.name ?? '', followers: [] };
        if (!customer.followers.includes(item.follow_info.userid)) customer.followers.push(item.follow_info.userid);
        byId.set(id, customer);
        pairs++;
      }
      cursor = page.next_cursor ?? '';
    } while (cursor && pairs < maxPairs);
  }
  return [...byId.values()];
}
