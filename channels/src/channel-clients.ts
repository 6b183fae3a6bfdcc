import { capabilityOf } from '@herald/engine';
import { ChannelError, PartialSendError } from './channel.errors';
import { chatBroadcast } from './chat.adapter';
import { EmailAdapter } from './email.adapter';
import { eachLimited } from './http';
import { TokenCache } from './token-cache';
import { postWebhook } from './webhook.adapter';
import { WechatAdapter } from './wechat.adapter';
import { WecomAdapter } from './wecom.adapter';
import type { Recipient, RecipientResult, SendRequest } from './channel.types';

/**
 * One call per recipient with at most `limit` in flight. After a failure no new call starts; the
 * calls in flight finish, and a channel failure is thrown as a PartialSendError carrying every
 * answer received, so the caller settles the accepted ones instead of sending them again.
 */
export async function sendEach(
  recipients: readonly Recipient[],
  limit: number,
  call: (recipient: Recipient) => Promise<RecipientResult>,
): Promise<RecipientResult[]> {
  const out: RecipientResult[] = [];
  await eachLimited(recipients, limit, async (recipient) => {
    out.push(await call(recipient));
  }).catch((error: unknown) => {
    throw error instanceof ChannelError ? new PartialSendError(error, out) : error;
  });
  return out;
}

/**
 * Every channel adapter behind one call: batch APIs where the method has one, otherwise one
 * call per recipient with bounded concurrency. A retryable failure throws (the activity retries,
 * and the delivery ledger keeps what already went out from going again).
 */
export class ChannelClients {
  readonly tokens = new TokenCache();
  private readonly wechat = new WechatAdapter(this.tokens);
  private readonly wecom = new WecomAdapter(this.tokens);
  private readonly email = new EmailAdapter();

  constructor(private readonly concurrency = 16) {}

  /** Sends the request's messages to every recipient; one result per recipient. */
  async send(req: SendRequest): Promise<RecipientResult[]> {
    if (req.recipients.length === 0) return [];
    const one = (fn: (r: Recipient) => Promise<RecipientResult>) => sendEach(req.recipients, this.concurrency, fn);
    switch (req.method) {
      case 'wechat_mass':
      case 'wechat_mass_subscription':
        return this.wechat.massByOpenids(req);
      case 'wechat_customer_service':
        return one((r) => this.wechat.customerService(req, r));
      case 'wechat_template':
        return one((r) => this.wechat.template(req, r));
      case 'wecom_agent':
        return this.wecom.agent(req, this.concurrency);
      case 'wecom_group_msg':
        return this.wecom.groupMessage(req);
      case 'chat_broadcast':
        return chatBroadcast(req);
      case 'email':
        return one((r) => this.email.send(req, r));
      case 'webhook_post':
        return one((r) => postWebhook(req, r));
      default:
        throw new ChannelError(
          'HERALD_ERR_CHANNEL_CONTENT_REJECTED',
          `no adapter for ${capabilityOf(req.method).label}`,
        );
    }
  }

  /** The WeChat adapter (permanent materials, templates), sharing these clients' tokens. */
  get wechatAdapter(): WechatAdapter {
    return this.wechat;
  }

  get wecomAdapter(): WecomAdapter {
    return this.wecom;
  }

  close(): void {
    this.email.close();
  }
}
