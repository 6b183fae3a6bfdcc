import { createHmac } from 'node:crypto';
import type { ReceivedMessage } from './store';

export interface ReceiptConfig {
  url: string;
  secret: string;
  readShare?: number;
  replyShare?: number;
  /** The receipts of a call's messages are posted before the call is answered (a provider faster than Herald). */
  beforeAnswer?: boolean;
}
interface Receipt {
  providerMessageId: string;
  recipient: string;
  type: 'delivered' | 'read' | 'replied';
  at: string;
}

/**
 * Posts delivery (and a share of read / reply) receipts for accepted messages back to Herald, as
 * providers do: batched every 200 ms, HMAC-signed, with bounded retries. Configured per account.
 */
export class ReceiptPoster {
  private configs = new Map<string, ReceiptConfig>();
  private queue = new Map<string, Receipt[]>();
  private timer: NodeJS.Timeout | undefined;
  private counter = 0;
  posted = 0;
  /** Herald's answers to the batches posted, oldest first (the last 100). */
  answers: string[] = [];

  configure(account: string, config: ReceiptConfig): void {
    this.configs.set(account, config);
  }

  /** Called for every accepted message. */
  onMessage(m: ReceivedMessage): void {
    const config = this.configs.get(m.account);
    // A WeCom app message to an employee (an agent message's request) is no send to a customer: no receipt.
    if (!config || m.method === 'app') return;
    const at = new Date().toISOString();
    const list = this.queue.get(m.account) ?? [];
    list.push({ providerMessageId: m.providerMessageId, recipient: m.recipient, type: 'delivered', at });
    // Deterministic shares: every k-th message is read / replied.
    const n = ++this.counter;
    if (config.replyShare && n % Math.round(1 / config.replyShare) === 0)
      list.push({ providerMessageId: m.providerMessageId, recipient: m.recipient, type: 'replied', at });
    else if (config.readShare && n % Math.round(1 / config.readShare) === 0)
      list.push({ providerMessageId: m.providerMessageId, recipient: m.recipient, type: 'read', at });
    this.queue.set(m.account, list);
    this.timer ??= setTimeout(() => void this.flush(), 200);
  }

  /** Before any answer: posts now what accounts whose receipts come before their answers have queued. */
  async beforeAnswer(): Promise<void> {
    if ([...this.queue.keys()].some((a) => this.configs.get(a)?.beforeAnswer)) await this.flush();
  }

  /** Sends everything queued now. */
  async flush(): Promise<void> {
    this.timer = undefined;
    const batches = [...this.queue];
    this.queue.clear();
    for (const [account, receipts] of batches) {
      const config = this.configs.get(account)!;
      for (let i = 0; i < receipts.length; i += 1000) {
        const body = JSON.stringify({ receipts: receipts.slice(i, i + 1000) });
        for (let attempt = 0; attempt < 3; attempt++) {
          const timestamp = String(Math.floor(Date.now() / 1000));
          const ok = await fetch(config.url, {
            method: 'POST',
            body,
            signal: AbortSignal.timeout(5000),
            headers: {
              'content-type': 'application/json',
              'x-herald-timestamp': timestamp,
              'x-herald-signature': createHmac('sha256', config.secret).update(`${timestamp}.${body}`).digest('hex'),
            },
          }).then(
            async (r) => {
              this.answers = [...this.answers.slice(-99), await r.text()];
              return r.ok;
            },
            () => false,
          );
          if (ok) {
            this.posted += Math.min(1000, receipts.length - i);
            break;
          }
          await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        }
      }
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
