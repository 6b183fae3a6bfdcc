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
 * Every accepted message, in memory, compact enough for a million: one record per message, an
 * index by recipient only when asked for (built lazily), counters per channel.
 */
export class MessageStore {
  private readonly messages: ReceivedMessage[] = [];
  private readonly byProviderId = new Map<string, number[]>();
  private seq = 0;
  /** Resends a provider's duplicate check dropped (the message had already arrived). */
  duplicatesSuppressed = 0;
  /** Called for every message added (receipts). */
  onAdd: ((message: ReceivedMessage) => void) | undefined;

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

  get size(): number {
    return this.messages.length;
  }

  /** Messages matching every given field, newest last; `limit` from the end. */
  query(
    filter: Partial<Pick<ReceivedMessage, 'channel' | 'method' | 'account' | 'recipient'>> = {},
    limit = Infinity,
  ): ReceivedMessage[] {
    const out: ReceivedMessage[] = [];
    for (let i = this.messages.length - 1; i >= 0 && out.length < limit; i--) {
      const m = this.messages[i]!;
      if (
        (filter.channel === undefined || m.channel === filter.channel) &&
        (filter.method === undefined || m.method === filter.method) &&
        (filter.account === undefined || m.account === filter.account) &&
        (filter.recipient === undefined || m.recipient === filter.recipient)
      )
        out.push(m);
    }
    return out.reverse();
  }

  /** How many messages each recipient received (to prove exactly-once). */
  countByRecipient(filter: Partial<Pick<ReceivedMessage, 'channel' | 'method'>> = {}): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) {
      if ((filter.channel && m.channel !== filter.channel) || (filter.method && m.method !== filter.method)) continue;
      counts.set(m.recipient, (counts.get(m.recipient) ?? 0) + 1);
    }
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
    this.byProviderId.clear();
  }
}
