import type { Message } from '@herald/engine';
import { ChannelError, fromErrcode } from './channel.errors';
import { callJson } from './http';
import type { TokenCache } from './token-cache';
import { personalize, type AccountConfig, type Recipient, type RecipientResult, type SendRequest } from './channel.types';

type Answer = { errcode?: number; errmsg?: string; msg_id?: number | string; msgid?: number | string };

/** The WeChat body of one message (msgtype + payload). */
function wechatBody(message: Message, recipient?: Recipient): Record<string, unknown> {
  switch (message.type) {
    case 'text': return { msgtype: 'text', text: { content: recipient ? personalize(message.text, recipient) : message.text.replace(/\{\{[^}]*\}\}/g, '') } };
    case 'image': case 'voice': return { msgtype: message.type, [message.type]: { media_id: message.attachment.materialId } };
    case 'video': return { msgtype: 'mpvideo', mpvideo: { media_id: message.attachment.materialId, title: message.title } };
    case 'news': return { msgtype: 'news', news: { articles: [{ title: message.title, description: message.description, url: message.url, picurl: message.picUrl }] } };
    case 'miniprogram': return { msgtype: 'miniprogrampage', miniprogrampage: { appid: message.appId, pagepath: message.pagePath, title: message.title } };
    default: throw new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', `WeChat cannot send a ${message.type} message this way`);
  }
}

/** WeChat official account: mass send by openid list (10,000 a call), customer service, template. */
export class WechatAdapter {
  constructor(private readonly tokens: TokenCache) {}

  private call(account: AccountConfig, path: string, body: unknown): Promise<Answer> {
    const appid = String(account.settings.appId ?? account.settings.appid ?? '');
    const tokenUrl = `${account.baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appid)}&secret=${encodeURIComponent(account.credentials.secret ?? '')}`;
    return this.tokens.withToken(`${account.baseUrl}|${appid}`, tokenUrl, (token) => callJson<Answer>(`${account.baseUrl}${path}?access_token=${token}`, body));
  }

  /** Mass message to an openid list, in chunks of 10,000 with a clientmsgid per chunk for dedup. */
  async massByOpenids(req: SendRequest): Promise<RecipientResult[]> {
    const results: RecipientResult[] = [];
    const message = req.messages[0]!;
    for (let i = 0; i < req.recipients.length; i += 10_000) {
      const chunk = req.recipients.slice(i, i + 10_000);
      const clientmsgid = `${req.dedupKey}:${i / 10_000}`.slice(0, 64);
      const answer = await this.call(req.account, '/cgi-bin/message/mass/send', { touser: chunk.map((r) => r.address), ...wechatBody(message), send_ignore_reprint: 1, clientmsgid });
      if (answer.errcode && answer.errcode !== 45065) {
        const error = fromErrcode(answer.errcode, answer.errmsg ?? '');
        if (error.retryable || error.code === 'HERALD_ERR_CHANNEL_AUTH') throw error;
        results.push(...chunk.map((r) => ({ key: r.key, ok: false as const, error })));
        continue;
      }
      results.push(...chunk.map((r) => ({ key: r.key, ok: true as const, providerMessageId: String(answer.msg_id) })));
    }
    return results;
  }

  /** Customer-service messages, one fan at a time (45015 outside the 48 h window). */
  async customerService(req: SendRequest, recipient: Recipient): Promise<RecipientResult> {
    let id = '';
    for (const message of req.messages) {
      const answer = await this.call(req.account, '/cgi-bin/message/custom/send', { touser: recipient.address, ...wechatBody(message, recipient) });
      if (answer.errcode) return this.fail(recipient, answer);
      id ||= `cs:${recipient.address}:${req.dedupKey}`;
    }
    return { key: recipient.key, ok: true, providerMessageId: id };
  }

  /** A template message to one fan. */
  async template(req: SendRequest, recipient: Recipient): Promise<RecipientResult> {
    const message = req.messages[0];
    if (message?.type !== 'template') throw new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', 'a template send needs a template message');
    const data = Object.fromEntries(message.fields.map((f) => [f, { value: personalize(message.data[f] ?? '', recipient) }]));
    const answer = await this.call(req.account, '/cgi-bin/message/template/send', { touser: recipient.address, template_id: message.templateId, url: message.url, data });
    if (answer.errcode) return this.fail(recipient, answer);
    return { key: recipient.key, ok: true, providerMessageId: String(answer.msgid) };
  }

  private fail(recipient: Recipient, answer: Answer): RecipientResult {
    const error = fromErrcode(answer.errcode ?? -1, answer.errmsg ?? '');
    if (error.retryable || error.code === 'HERALD_ERR_CHANNEL_AUTH') throw error;
    return { key: recipient.key, ok: false, error };
  }
}
