import { createHmac } from 'node:crypto';
import type { SandboxContext } from '../context';

/**
 * An agent message from a corp's notifications app that asks an employee to send something to a
 * customer (its first line: "For <name> (<external userid>) [<reference>]:", the reference being the
 * sender's own, optional). The employee sends it on, declines it or ignores it; what they did goes to
 * the app's callback address (Herald), signed, naming the message id and the reference.
 */
export interface EmployeeRequest {
  msgid: string;
  corp: string;
  /** The employee's WeCom user id. */
  employee: string;
  /** The customer's external user id. */
  customer: string;
  customerName: string;
  /** The sender's reference of the request, from its request line (named back in the answer). */
  ref?: string;
  /** What the employee sends the customer: the message without its request line. */
  content: string;
  /** The attachments sent before the request, which the employee sends after its text. */
  attachments: string[];
  createdAt: number;
  state: 'waiting' | 'sent' | 'declined';
  /** What Herald answered when told, for the page. */
  answer?: string;
  /** How long Herald took to answer (or the call to fail), in ms. */
  answerMs?: number;
  /** How many times Herald was told (more than once when a call got no answer in time). */
  tells?: number;
}

export type EmployeeAction = 'send' | 'decline';

/** What an employee does with requests: act after a delay, or leave them (`ignore`; `manual`: the page's buttons). */
export interface EmployeeBehaviour {
  action: EmployeeAction | 'ignore' | 'manual';
  delayMs: number;
  /**
   * Act (and have Herald told) before the app's send call is answered: the caller learns the
   * message's id only after the employee's callback reached it, as a busy caller may in WeCom.
   */
  beforeAnswer?: boolean;
}

/** The app's callback configuration: Herald's address for it and the token that signs each call. */
export interface WecomCallback {
  url: string;
  token: string;
}

const requestLine = /^For (.*) \(([^()\s]+)\)(?: \[([^\]\s]+)\])?:(?:\n([\s\S]*))?$/;

/** The request an agent message carries, if its text starts with a request line. */
export function parseRequest(
  content: string,
): { customer: string; customerName: string; ref?: string; content: string } | undefined {
  const m = requestLine.exec(content);
  if (!m) return undefined;
  return { customerName: m[1]!, customer: m[2]!, ...(m[3] ? { ref: m[3] } : {}), content: m[4] ?? '' };
}

/**
 * Posts what an employee did to the corp's callback address, HMAC-SHA256 signed with its token
 * (`x-herald-signature` of `${timestamp}.${body}`), as Herald's other signed webhooks are.
 */
async function tellHerald(
  callback: WecomCallback,
  actions: Array<{
    msgid: string;
    userid: string;
    ref?: string;
    action: 'sent' | 'delivered' | 'declined';
    at: string;
  }>,
): Promise<{ ok: boolean; status: number | null; body: string }> {
  const body = JSON.stringify({ actions });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', callback.token).update(`${timestamp}.${body}`).digest('hex');
  try {
    const res = await fetch(callback.url, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(5000),
      headers: { 'content-type': 'application/json', 'x-herald-timestamp': timestamp, 'x-herald-signature': signature },
    });
    return { ok: res.ok, status: res.status, body: await res.text() };
  } catch (error) {
    return { ok: false, status: null, body: (error as Error).message };
  }
}

/**
 * The employee's act: a sent request reaches the customer (an `agent` message to their external
 * user id, under the request's msgid) and Herald is told it was sent and delivered; a declined one
 * reaches nobody and Herald is told so. A request is acted on once.
 */
export function makeActOnRequest(ctx: Pick<SandboxContext, 'store' | 'wecomCallbacks'>) {
  return async (request: EmployeeRequest, action: EmployeeAction): Promise<{ ok: boolean; body: string }> => {
    if (request.state !== 'waiting') return { ok: false, body: `Already ${request.state}.` };
    request.state = action === 'send' ? 'sent' : 'declined';
    const at = new Date().toISOString();
    if (action === 'send')
      for (const content of [request.content, ...request.attachments].filter((c) => c !== ''))
        ctx.store.add({
          channel: 'wecom',
          method: 'agent',
          account: request.corp,
          recipient: request.customer,
          content,
          providerMessageId: request.msgid,
        });
    const callback = ctx.wecomCallbacks.get(request.corp);
    if (!callback) {
      request.answer = 'No callback configuration: Herald was not told.';
      return { ok: true, body: request.answer };
    }
    const named = { msgid: request.msgid, userid: request.employee, ...(request.ref ? { ref: request.ref } : {}) };
    const actions =
      action === 'send'
        ? [
            { ...named, action: 'sent' as const, at },
            { ...named, action: 'delivered' as const, at },
          ]
        : [{ ...named, action: 'declined' as const, at }];
    // Told again while Herald gives no answer (none within 5 s, a 5xx or a 429), at most 3 times more, as WeCom
    // retries its callbacks; an answer (even `held`: Herald keeps one about a message it has not recorded yet)
    // ends it.
    const asked = Date.now();
    let told = await tellHerald(callback, actions);
    request.tells = 1;
    while ((told.status === null || told.status >= 500 || told.status === 429) && request.tells < 4) {
      request.tells++;
      told = await tellHerald(callback, actions);
    }
    request.answerMs = Date.now() - asked;
    request.answer = `Herald answered ${told.status ?? 'nothing'}: ${told.body}`;
    return { ok: told.ok, body: request.answer };
  };
}

/**
 * Applies the employee's behaviour to a new request (the default: send after the sandbox's confirm
 * delay). Returns the act when the send call's answer is to wait for it (`beforeAnswer`).
 */
export function scheduleRequest(
  ctx: Pick<SandboxContext, 'employeeBehaviours' | 'confirmDelayMs' | 'actOnRequest'>,
  request: EmployeeRequest,
): Promise<unknown> | undefined {
  const behaviour = ctx.employeeBehaviours.get(`${request.corp}:${request.employee}`) ??
    ctx.employeeBehaviours.get('*') ?? {
      action: ctx.confirmDelayMs >= 0 ? 'send' : 'manual',
      delayMs: Math.max(ctx.confirmDelayMs, 0),
    };
  if (behaviour.action === 'ignore' || behaviour.action === 'manual') return undefined;
  const action = behaviour.action;
  const acted = new Promise((resolve) =>
    setTimeout(() => resolve(ctx.actOnRequest(request, action)), behaviour.delayMs).unref(),
  );
  return behaviour.beforeAnswer ? acted : undefined;
}
