import type { Faults } from './faults';
import type { MessageStore } from './store';
import type { TokenBook } from './tokens';

/** What every route family of the sandbox shares. */
export interface SandboxContext {
  store: MessageStore;
  faults: Faults;
  tokens: TokenBook;
  confirmDelayMs: number;
  /** Sequential provider message ids, unique within this sandbox. */
  nextId(prefix: string): string;
  /** WeChat fans' last interaction, by `account:openid` (learnt through the control API). */
  interactions: Map<string, number>;
  /** WeCom group-message tasks by msgid. */
  wecomTasks: Map<string, WecomTask>;
  /** Confirms a WeCom task as its employee would: delivers to every target allowed today. */
  confirmWecomTask(task: WecomTask): void;
}

export interface WecomTask {
  msgid: string;
  corp: string;
  sender: string;
  chatType: string;
  targets: string[];
  content: string;
  confirmed: boolean;
  results: Map<string, number>;
}

/** Text a message body carries, whatever its msgtype (what the sandbox shows as content). */
export function contentOf(body: Record<string, unknown>): string {
  const type = String(body.msgtype ?? 'text');
  const part = body[type] as Record<string, unknown> | undefined;
  if (type === 'text') return String(part?.content ?? '');
  if (type === 'news' || type === 'mpnews') return `[${type}] ${JSON.stringify(part).slice(0, 200)}`;
  return `[${type}] ${String(part?.media_id ?? part?.title ?? '')}`;
}
