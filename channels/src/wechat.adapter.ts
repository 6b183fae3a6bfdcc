import { createHash } from 'node:crypto';
import type { Message } from '@herald/engine';
import { ChannelError, fromErrcode } from './channel.errors';
import { TokenClient, mediaBody, newsBody, tokenUrl, type MediaFile } from './token-client';
import { personalize } from './channel.types';
import type { AccountConfig, Recipient, RecipientResult, SendRequest } from './channel.types';

/**
 * WeChat's clientmsgid holds at most 64 bytes. Herald's dedup keys (run, node, entry, first row)
 * run past that with long node ids, and cutting them made two calls share an id, so the platform
 * dropped the second as a repeat. A digest keeps every key distinct in 43 characters.
 */
export function clientMsgId(dedupKey: string, chunk: number): string {
  return createHash('sha256').update(`${dedupKey}:${chunk}`).digest('base64url');
}

type Answer = { errcode?: number; errmsg?: string; msg_id?: number | string; msgid?: number | string };

/** A file for WeChat's permanent materials; `type` is the platform's media type. */
export interface MaterialUpload extends MediaFile {
  type: 'image' | 'voice' | 'video' | 'thumb';
  title?: string;
  introduction?: string;
}

/** The WeChat body of one message (msgtype + payload). */
function wechatBody(message: Message, recipient?: Recipient): Record<string, unknown> {
  switch (message.type) {
    case 'text':
      return { msgtype: 'text', text: { content: personalize(message.text, recipient) } };
    case 'image':
    case 'voice':
      return mediaBody(message.type, message);
    case 'video':
      return mediaBody('mpvideo', message);
    case 'news':
      return newsBody(message);
    case 'miniprogram':
      return {
        msgtype: 'miniprogrampage',
        miniprogrampage: { appid: message.appId, pagepath: message.pagePath, title: message.title },
      };
    default:
      throw new ChannelError(
        'HERALD_ERR_CHANNEL_CONTENT_REJECTED',
        `WeChat cannot send a ${message.type} message this way`,
      );
  }
}

/**
 * WeChat official account: mass send by openid list (10,000 a call), customer service, template,
 * permanent materials.
 */
export class WechatAdapter extends TokenClient<Answer> {
  protected tokenSource(account: AccountConfig): { key: string; url: string } {
    const appid = String(account.settings.appId ?? account.settings.appid ?? '');
    const url = tokenUrl('wechat', account.baseUrl, appid, account.credentials.secret ?? '');
    return { key: `${account.baseUrl}|${appid}`, url };
  }

  /**
   * Uploads a permanent material (`material/add_material`, multipart field `media`; a video also
   * sends its title as `description`) and returns the platform's media id. Any errcode throws.
   */
  async addMaterial(account: AccountConfig, upload: MaterialUpload): Promise<{ mediaId: string; url?: string }> {
    const description = { title: upload.title ?? upload.filename, introduction: upload.introduction ?? '' };
    const answer = await this.upload<Answer & { media_id?: string; url?: string }>(
      account,
      '/cgi-bin/material/add_material',
      { type: upload.type },
      upload,
      upload.type === 'video' ? { description: JSON.stringify(description) } : {},
    );
    if (answer.errcode || !answer.media_id) throw fromErrcode(answer.errcode ?? -1, answer.errmsg ?? 'no media_id');
    return { mediaId: answer.media_id, ...(answer.url ? { url: answer.url } : {}) };
  }

  /** Deletes a permanent material; one the platform no longer has (40007) counts as deleted. */
  async deleteMaterial(account: AccountConfig, mediaId: string): Promise<void> {
    const answer = await this.call(account, '/cgi-bin/material/del_material', { media_id: mediaId });
    if (answer.errcode && answer.errcode !== 40007) throw fromErrcode(answer.errcode, answer.errmsg ?? '');
  }

  /** Mass message to an openid list, in chunks of 10,000 with a clientmsgid per chunk for dedup. */
  async massByOpenids(req: SendRequest): Promise<RecipientResult[]> {
    const results: RecipientResult[] = [];
    const message = req.messages[0]!;
    for (let i = 0; i < req.recipients.length; i += 10_000) {
      const chunk = req.recipients.slice(i, i + 10_000);
      const clientmsgid = clientMsgId(req.dedupKey, i / 10_000);
      const answer = await this.call(req.account, '/cgi-bin/message/mass/send', {
        touser: chunk.map((r) => r.address),
        ...wechatBody(message),
        send_ignore_reprint: 1,
        clientmsgid,
      });
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
      const answer = await this.call(req.account, '/cgi-bin/message/custom/send', {
        touser: recipient.address,
        ...wechatBody(message, recipient),
      });
      if (answer.errcode) return this.fail(recipient, answer);
      id ||= `cs:${recipient.address}:${req.dedupKey}`;
    }
    return { key: recipient.key, ok: true, providerMessageId: id };
  }

  /**
   * The account's message templates (`template/get_all_private_template`), each with the field
   * names its content names as {{name.DATA}}, in order: what the composer's template picker offers.
   */
  async listTemplates(
    account: AccountConfig,
  ): Promise<Array<{ templateId: string; title: string; content: string; fields: string[] }>> {
    const answer = await this.call<
      Answer & { template_list?: Array<{ template_id: string; title?: string; content?: string }> }
    >(account, '/cgi-bin/template/get_all_private_template', undefined);
    if (answer.errcode) throw fromErrcode(answer.errcode, answer.errmsg ?? '');
    return (answer.template_list ?? []).map((t) => ({
      templateId: t.template_id,
      title: t.title ?? t.template_id,
      content: t.content ?? '',
      fields: [...new Set([...(t.content ?? '').matchAll(/\{\{(\w+)\.DATA\}\}/g)].map((m) => m[1]!))],
    }));
  }

  /** A template message to one fan. */
  async template(req: SendRequest, recipient: Recipient): Promise<RecipientResult> {
    const message = req.messages[0];
    if (message?.type !== 'template')
      throw new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', 'a template send needs a template message');
    const data = Object.fromEntries(
      message.fields.map((f) => [f, { value: personalize(message.data[f] ?? '', recipient) }]),
    );
    const answer = await this.call(req.account, '/cgi-bin/message/template/send', {
      touser: recipient.address,
      template_id: message.templateId,
      url: message.url,
      data,
    });
    if (answer.errcode) return this.fail(recipient, answer);
    return { key: recipient.key, ok: true, providerMessageId: String(answer.msgid) };
  }

  private fail(recipient: Recipient, answer: Answer): RecipientResult {
    const error = fromErrcode(answer.errcode ?? -1, answer.errmsg ?? '');
    if (error.retryable || error.code === 'HERALD_ERR_CHANNEL_AUTH') throw error;
    return { key: recipient.key, ok: false, error };
  }
}
