/** One message the sandbox accepted, as a provider would have delivered it. */
export interface ReceivedMessage {
  seq: number;
  channel: 'wechat' | 'wecom' | 'chat' | 'email' | 'webhook';
  method: string;
  account: string;
  recipient: string;
  content: string;
  providerMessageId: string;
  at: number;
}

/**
 * A call the provider accepted for a recipient and did not deliver, because it had delivered that
 * message already: its duplicate check (`dedup`), or the platform's one-a-day rule for WeCom group
 * messages (`daily_limit`). It reached nobody; it still shows what the caller sent.
 */
export type DroppedCall = Omit<ReceivedMessage, 'seq' | 'providerMessageId'> & { reason: 'dedup' | 'daily_limit' };

type Filter = Partial<Pick<ReceivedMessage, 'channel' | 'method' | 'account' | 'recipient' | 'content'>>;
const matches = (m: Omit<ReceivedMessage, 'seq' | 'providerMessageId'>, f: Filter): boolean =>
  (f.channel === undefined || m.channel === f.channel) &&
  (f.method === undefined || m.method === f.method) &&
  (f.account === undefined || m.account === f.account) &&
  (f.recipient === undefined || m.recipient === f.recipient) &&
  (f.content === undefined || m.content === f.content);

/**
 * Every accepted message, in memory, compact enough for a million: one record per message, an
 * index by recipient only when asked for (built lazily), counters per channel.
 */
export class MessageStore {
  private readonly messages: ReceivedMessage[] = [];
  private readonly byProviderId = new Map<string, number[]>();
  private seq = 0;
  /** Calls dropped because the message had arrived already (kept: few, unless the caller resends). */
  private readonly dropped: DroppedCall[] = [];
  /** Resends a provider's duplicate check dropped (the message had already arrived). */
  duplicatesSuppressed = 0;
  /** Called for every message added (receipts). */
  onAdd: ((message: ReceivedMessage) => void) | undefined;
  /** Called for every call dropped. */
  onDrop: ((call: DroppedCall) => void) | undefined;

  /** Records a message and returns it. */
  add(message: Omit<ReceivedMessage, 'seq' | 'at'> & { at?: number }): ReceivedMessage {
    const record: ReceivedMessage = { ...message, seq: ++this.seq, at: message.at ?? Date.now() };
    this.messages.push(record);
    const list = this.byProviderId.get(record.providerMessageId);
    if (list) list.push(record.seq - 1);
    else this.byProviderId.set(record.providerMessageId, [this.messages.length - 1]);
    this.onAdd?.(record);
    return record;
  }

  /** Records a call for a recipient that the provider accepted and dropped (see DroppedCall). */
  drop(call: Omit<DroppedCall, 'at'> & { at?: number }): void {
    const record: DroppedCall = { ...call, at: call.at ?? Date.now() };
    this.dropped.push(record);
    if (record.reason === 'dedup') this.duplicatesSuppressed++;
    this.onDrop?.(record);
  }

  /**
   * The raw count: calls accepted per recipient, delivered or dropped — what the caller sent each
   * person, before the provider's own dedup helped. A count above 1 for one message is a resend.
   */
  callsByRecipient(filter: Omit<Filter, 'recipient'> = {}): Map<string, number> {
    const counts = new Map<string, number>();
    for (const list of [this.messages, this.dropped] as const)
      for (const m of list) if (matches(m, filter)) counts.set(m.recipient, (counts.get(m.recipient) ?? 0) + 1);
    return counts;
  }

  get size(): number {
    return this.messages.length;
  }

  /** Messages matching every given field, newest last; `limit` from the end. */
  query(filter: Filter = {}, limit = Infinity): ReceivedMessage[] {
    const out: ReceivedMessage[] = [];
    for (let i = this.messages.length - 1; i >= 0 && out.length < limit; i--) {
      const m = this.messages[i]!;
      if (matches(m, filter)) out.push(m);
    }
    return out.reverse();
  }

  /** How many messages each recipient received (after the provider's dedup; to prove exactly-once). */
  countByRecipient(filter: Omit<Filter, 'recipient'> = {}): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) if (matches(m, filter)) counts.set(m.recipient, (counts.get(m.recipient) ?? 0) + 1);
    return counts;
  }

  /** Messages with a provider message id. */
  byProviderMessageId(id: string): ReceivedMessage[] {
    return (this.byProviderId.get(id) ?? []).map((i) => this.messages[i]!);
  }

  /** Totals per channel. */
  stats(): Record<string, number> {
    const totals: Record<string, number> = { total: this.messages.length };
    for (const m of this.messages) totals[m.channel] = (totals[m.channel] ?? 0) + 1;
    return totals;
  }

  clear(): void {
    this.messages.length = 0;
    this.dropped.length = 0;
    this.byProviderId.clear();
  }
}
