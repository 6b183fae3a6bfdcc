import type { Faults } from './faults';
import type { MessageStore } from './store';
import type { TokenBook } from './tokens';
import type { ServerConfig } from './platform/callbacks';
import type { WecomDirectory } from './wecom/wecom-directory.routes';
import type { EmployeeAction, EmployeeBehaviour, EmployeeRequest, WecomCallback } from './wecom/employee-requests';

/** What every route family of the sandbox shares. */
export interface SandboxContext {
  store: MessageStore;
  faults: Faults;
  tokens: TokenBook;
  confirmDelayMs: number;
  /** WeChat's mass-send calls an account may make a day (the platform's 100; a benchmark lifts it). */
  wechatMassCallsPerDay: number;
  /** Sequential provider message ids, unique within this sandbox. */
  nextId(prefix: string): string;
  /** WeChat fans' last interaction, by `account:openid` (learnt through the control API). */
  interactions: Map<string, number>;
  /** Fans who unfollowed an official account (`account:openid`): messages to them get 43004, as on the platform. */
  unfollowed: Set<string>;
  /** WeCom group-message tasks by msgid. */
  wecomTasks: Map<string, WecomTask>;
  /** Apps and corps that asked for a token (or were configured), by id: the platform's accounts. */
  apps: Map<string, 'wechat' | 'wecom'>;
  /** Where each official account's callbacks go (its server configuration), once verified. */
  servers: Map<string, ServerConfig>;
  /**
   * Which official accounts get each template message's job result (TEMPLATESENDJOBFINISH) at their
   * server, and when: after the send call is answered, or before (the caller learns the message's id
   * only after its result reached it, as a busy caller may).
   */
  templateResults: Map<string, 'after_answer' | 'before_answer'>;
  /** Which official accounts get each mass send's job result (MASSSENDJOBFINISH) at their server, and when. */
  massResults: Map<string, 'after_answer' | 'before_answer'>;
  /** What the accounts' servers answered the job results posted to them, oldest first. */
  jobResultAnswers: JobResultAnswer[];
  /** Fans the platform knows per official account: messaged by the account, or simulated. */
  fans: Map<string, Set<string>>;
  /** Each WeCom corp's members, customers and customer group chats (the default directory until set). */
  directories: Map<string, WecomDirectory>;
  /** Confirms a WeCom task as its employee would: delivers to every target allowed today. */
  confirmWecomTask(task: WecomTask): void;
  /** Attachments an employee's app received before the request that takes them (`corp:userid`). */
  heldAttachments: Map<string, string[]>;
  /** Agent messages that ask an employee to send something to a customer, by msgid. */
  employeeRequests: Map<string, EmployeeRequest>;
  /** What each employee does with a request (`corp:userid`, or `*` for everyone), until told otherwise. */
  employeeBehaviours: Map<string, EmployeeBehaviour>;
  /** Where each corp's app tells Herald what its employees did (the app's callback configuration). */
  wecomCallbacks: Map<string, WecomCallback>;
  /** An employee acts on a request: sends it to the customer, or declines it. */
  actOnRequest(request: EmployeeRequest, action: EmployeeAction): Promise<{ ok: boolean; body: string }>;
}

/** A server's answer to a job result the platform posted (WeChat wants `success` within 5 s). */
export interface JobResultAnswer {
  account: string;
  msgid: string;
  status: number | null;
  body: string;
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

/**
 * Records whether a fan follows an official account — the platform page's simulated follow or unfollow, or the
 * control API's — so that template and customer-service messages to one who does not are refused (43004).
 */
export function setFollowing(
  ctx: Pick<SandboxContext, 'unfollowed'>,
  account: string,
  openid: string,
  follows: boolean,
) {
  if (follows) ctx.unfollowed.delete(`${account}:${openid}`);
  else ctx.unfollowed.add(`${account}:${openid}`);
}

/** Text a message body carries, whatever its msgtype (what the sandbox shows as content). */
export function contentOf(body: Record<string, unknown>): string {
  const type = String(body.msgtype ?? 'text');
  const part = body[type] as Record<string, unknown> | undefined;
  if (type === 'text') return String(part?.content ?? '');
  if (type === 'news' || type === 'mpnews') return `[${type}] ${JSON.stringify(part).slice(0, 200)}`;
  return `[${type}] ${String(part?.media_id ?? part?.title ?? '')}`;
}
