import nodemailer, { type Transporter } from 'nodemailer';
import { ChannelError } from './channel.errors';
import { checkEgress } from './egress';
import { egressPolicy } from './http';
import { personalize } from './channel.types';
import type { AccountConfig, Recipient, RecipientResult, SendRequest } from './channel.types';

/** Email over SMTP; one transport (pooled connection) per account. */
export class EmailAdapter {
  private transports = new Map<string, Transporter>();

  private transport(account: AccountConfig): Transporter {
    let t = this.transports.get(account.id);
    if (!t) {
      const url = new URL(account.baseUrl);
      t = nodemailer.createTransport({
        host: url.hostname,
        port: Number(url.port || 25),
        secure: url.protocol === 'smtps:',
        pool: true,
        maxConnections: 4,
        ignoreTLS: url.protocol === 'smtp:',
        connectionTimeout: 10_000,
        ...(account.credentials.user
          ? { auth: { user: account.credentials.user, pass: account.credentials.password ?? '' } }
          : {}),
      });
      this.transports.set(account.id, t);
    }
    return t;
  }

  /** Sends one email; SMTP 4xx/connection errors are retryable, 5xx recipient errors are not. */
  async send(req: SendRequest, recipient: Recipient): Promise<RecipientResult> {
    const text = req.messages
      .filter((m) => m.type === 'text')
      .map((m) => personalize(m.type === 'text' ? m.text : '', recipient))
      .join('\n\n');
    await checkEgress(egressPolicy(), req.account.baseUrl, ['smtp:', 'smtps:']);
    try {
      const info = await this.transport(req.account).sendMail({
        from: String(req.account.settings.from ?? 'herald@localhost'),
        to: recipient.address,
        subject: req.subject ?? req.groupName ?? text.split('\n')[0]!.slice(0, 78),
        text,
        messageId: `<${req.dedupKey}.${recipient.key}@herald>`,
      });
      return { key: recipient.key, ok: true, providerMessageId: info.messageId };
    } catch (cause) {
      const code = (cause as { responseCode?: number }).responseCode;
      if (code && code >= 500)
        return {
          key: recipient.key,
          ok: false,
          error: new ChannelError(
            'HERALD_ERR_CHANNEL_INVALID_RECIPIENT',
            `SMTP refused ${recipient.address}: ${(cause as Error).message}`,
            { providerCode: code },
          ),
        };
      throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `SMTP server unavailable: ${(cause as Error).message}`, {
        cause,
        retryAfterMs: 2000,
      });
    }
  }

  close(): void {
    for (const t of this.transports.values()) t.close();
    this.transports.clear();
  }
}
