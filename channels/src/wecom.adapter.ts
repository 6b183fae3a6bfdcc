import type { Message } from '@herald/engine';
import { ChannelError, PartialSendError, fromErrcode } from './channel.errors';
import { eachLimited } from './http';
import { TokenClient, tokenUrl } from './token-client';
import type { AccountConfig, Recipient, EmployeeTask, RecipientResult, SendRequest } from './channel.types';
import {
  acceptedCall,
  agentBody,
  chunk,
  noOwner,
  refusedCall,
  withRequestLine,
  type WecomAnswer,
  type WecomMediaUpload,
} from './wecom-messages';

export type { WecomMediaUpload } from './wecom-messages';

/** WeCom: agent messages through the self-built app, and enterprise group messages as employee tasks. */
export class WecomAdapter extends TokenClient<WecomAnswer> {
  protected tokenSource(account: AccountConfig): { key: string; url: string } {
    const corpid = String(account.settings.corpId ?? account.settings.corpid ?? '');
    return {
      key: `${account.baseUrl}|${corpid}|${String(account.settings.agentId ?? '')}`,
      url: tokenUrl('wecom', account.baseUrl, corpid, account.credentials.secret ?? ''),
    };
  }

  /**
   * One call with the account's token (GET without a body), for the address-book reads; the answer as WeCom gave it.
   */
  request<T extends { errcode?: number; errmsg?: string }>(
    account: AccountConfig,
    path: string,
    query: Record<string, string>,
    body?: unknown,
  ): Promise<T> {
    return this.call<T>(account, path, body, query);
  }

  /**
   * Uploads a temporary media file (`media/upload`, multipart field `media`), the only way WeCom
   * messages carry an image, voice, video or file; the media id lives 3 days. Any errcode throws.
   */
  async uploadMedia(account: AccountConfig, upload: WecomMediaUpload): Promise<{ mediaId: string; createdAt: Date }> {
    const answer = await this.upload<WecomAnswer & { media_id?: string; created_at?: string | number }>(
      account,
      '/cgi-bin/media/upload',
      { type: upload.type },
      upload,
    );
    if (answer.errcode || !answer.media_id)
      throw fromErrcode(answer.errcode ?? -1, answer.errmsg ?? 'no media_id in the answer');
    return { mediaId: answer.media_id, createdAt: new Date(Number(answer.created_at ?? Date.now() / 1000) * 1000) };
  }

  /**
   * Agent messages through the owning employee (the reference products' flow): for each contact, an
   * app message from the notifications app to the first of its owners, naming the contact and
   * carrying the content, which the employee then sends to the contact (or declines). The last
   * message, a text, carries the request line "For <name> (<external userid>):" (a text of its own when the
   * content's text has no room for it); duplicate check on, so a retry is not shown twice.
   */
  async agent(req: SendRequest, lanes = 16): Promise<RecipientResult[]> {
    const results: RecipientResult[] = [];
    // One call per contact and message (each request names its contact), `lanes` at a time. A request of
    // several messages (attachments, then the text) must not interleave with another request to the same
    // employee: then each employee's requests go one after another, employees in parallel.
    const jobs = new Map<string, Array<{ r: Recipient; owner: string; messages: readonly Message[] }>>();
    for (const r of req.recipients) {
      const owner = r.owners?.[0];
      if (!owner) {
        results.push({ key: r.key, ok: false, error: noOwner() });
        continue;
      }
      const messages = req.notice ? req.messages : withRequestLine(req.messages, r);
      const job = messages.length === 1 ? `contact:${r.key}` : `employee:${owner}`;
      const list = jobs.get(job);
      if (list) list.push({ r, owner, messages });
      else jobs.set(job, [{ r, owner, messages }]);
    }
    const calls = eachLimited([...jobs.values()], lanes, async (list) => {
      for (const { r, owner, messages } of list) await this.askEmployee(req, r, owner, messages, results);
    });
    // The requests already answered are settled by the caller, not sent again.
    await calls.catch((error: unknown) => {
      throw error instanceof ChannelError ? new PartialSendError(error, results) : error;
    });
    return results;
  }

  /** One agent message's request to its contact's employee (`list`: its app messages, the request last). */
  private async askEmployee(
    req: SendRequest,
    r: Recipient,
    owner: string,
    list: readonly Message[],
    results: RecipientResult[],
  ): Promise<void> {
    let msgid = '';
    let refused: RecipientResult | undefined;
    for (const [i, message] of list.entries()) {
      // The request (it names its contact) is checked for duplicates; an attachment, the same for every
      // contact of the employee, is not, or WeCom would drop it for each request after the first.
      const checked = req.notice || i === list.length - 1;
      const answer = await this.call(req.account, '/cgi-bin/message/send', {
        touser: owner,
        agentid: Number(req.account.settings.agentId ?? 0),
        ...agentBody(message, r),
        enable_duplicate_check: checked ? 1 : 0,
        duplicate_check_interval: 1800,
      });
      if (answer.errcode) {
        refused = refusedCall([r], answer)[0];
        break;
      }
      if (answer.invaliduser?.split('|').includes(owner)) {
        refused = {
          key: r.key,
          ok: false,
          error: new ChannelError('HERALD_ERR_CHANNEL_INVALID_RECIPIENT', `WeCom does not know employee ${owner}`),
        };
        break;
      }
      // The request is the last app message: the employee acts on it.
      msgid = answer.msgid ?? msgid;
    }
    const tasks = [
      {
        owner,
        messageId: refused ? null : msgid,
        ...(refused && !refused.ok ? { errorCode: refused.error.code } : {}),
      },
    ];
    results.push(refused ? { ...refused, tasks } : { key: r.key, ok: true, providerMessageId: msgid, tasks });
  }

  /**
   * Enterprise group message to contacts or group chats: one task per owning employee (a contact
   * several employees own is in each of their tasks; the platform gives it one message a day, from
   * whoever confirms first). A recipient is accepted when some owner's task took it.
   */
  async groupMessage(req: SendRequest): Promise<RecipientResult[]> {
    const text = req.messages.find((m) => m.type === 'text');
    const attachments = req.messages
      .filter((m) => m.type !== 'text')
      .slice(0, 9)
      .map((m) => agentBody(m));
    const byOwner = new Map<string, Recipient[]>();
    for (const r of req.recipients) {
      for (const owner of r.owners ?? []) {
        const list = byOwner.get(owner);
        if (list) list.push(r);
        else byOwner.set(owner, [r]);
      }
    }
    const tasksOf = new Map<string, EmployeeTask[]>(req.recipients.map((r) => [r.key, []]));
    const failures = new Map<string, ChannelError>();
    // One task per employee and up to 10,000 targets (the platform's limit per call).
    const calls = [...byOwner].flatMap(([owner, list]) =>
      chunk(list, 10_000).map((recipients) => [owner, recipients] as const),
    );
    for (const [owner, recipients] of calls) {
      const targets = recipients.map((r) => r.address);
      const answer = await this.call(req.account, '/cgi-bin/externalcontact/add_msg_template', {
        chat_type: req.type === 'group_chats' ? 'group' : 'single',
        sender: owner,
        ...(req.type === 'group_chats' ? { chat_id_list: targets } : { external_userid: targets }),
        ...(text && text.type === 'text' ? { text: { content: text.text.replace(/\{\{[^}]*\}\}/g, '') } } : {}),
        attachments,
      });
      if (answer.errcode) {
        for (const r of refusedCall(recipients, answer)) {
          if (r.ok) continue;
          tasksOf.get(r.key)!.push({ owner, messageId: null, errorCode: r.error.code });
          failures.set(r.key, r.error);
        }
        continue;
      }
      const failed = new Set(answer.fail_list ?? []);
      for (const r of acceptedCall(recipients, failed, answer.msgid!, (a) => `${a} is not a customer of ${owner}`)) {
        if (r.ok) tasksOf.get(r.key)!.push({ owner, messageId: r.providerMessageId });
        else {
          // In the task, but refused at once (fail_list).
          tasksOf.get(r.key)!.push({ owner, messageId: answer.msgid!, errorCode: r.error.code });
          failures.set(r.key, r.error);
        }
      }
    }
    return req.recipients.map((r) => {
      const tasks = tasksOf.get(r.key)!;
      const accepted = tasks.find((t) => t.messageId !== null && !t.errorCode);
      if (accepted) return { key: r.key, ok: true as const, providerMessageId: accepted.messageId!, tasks };
      return { key: r.key, ok: false as const, error: failures.get(r.key) ?? noOwner(), tasks };
    });
  }

  /**
   * Per-target results of a group message task for one employee (0 unsent, 1 sent, 2 not a friend,
   * 3 had one today), every page.
   */
  async groupMessageResult(
    account: AccountConfig,
    msgid: string,
    userid: string,
  ): Promise<Array<{ target: string; status: number }>> {
    const out: Array<{ target: string; status: number }> = [];
    let cursor = '';
    for (let page = 0; page < 1000; page++) {
      const answer = await this.call(account, '/cgi-bin/externalcontact/get_groupmsg_send_result', {
        msgid,
        userid,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      if (answer.errcode) throw fromErrcode(answer.errcode, answer.errmsg ?? '');
      for (const s of answer.send_list ?? [])
        out.push({ target: s.external_userid ?? s.chat_id ?? '', status: s.status });
      cursor = answer.next_cursor ?? '';
      if (!cursor) break;
    }
    return out;
  }
}
