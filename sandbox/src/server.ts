import Fastify from 'fastify';
import { chatRoutes } from './chat/chat.routes';
import { controlRoutes } from './control.routes';
import { platformRoutes } from './platform/platform.routes';
import type { JobResultAnswer, SandboxContext } from './context';
import { Faults } from './faults';
import { hookRoutes } from './hooks.routes';
import { startSmtp } from './smtp';
import { MessageStore } from './store';
import { ReceiptPoster } from './receipts';
import { TokenBook } from './tokens';
import { makeWecomConfirm, wecomRoutes } from './wecom/wecom.routes';
import { wecomDirectoryRoutes } from './wecom/wecom-directory.routes';
import { makeActOnRequest } from './wecom/employee-requests';
import { wechatRoutes } from './wechat/wechat.routes';

export interface SandboxOptions {
  /** HTTP port (0: any free one). */
  port?: number;
  /** SMTP port (0: any free one; -1: no SMTP). */
  smtpPort?: number;
  /** WeCom tasks confirm themselves after this delay (-1: only through the control API). */
  confirmDelayMs?: number;
  tokenTtlSeconds?: number;
  /** Mass-send calls a WeChat account may make a day (default 100, as the platform allows). */
  wechatMassCallsPerDay?: number;
}

export interface Sandbox {
  url: string;
  smtpPort: number;
  store: MessageStore;
  faults: Faults;
  tokens: TokenBook;
  receipts: ReceiptPoster;
  /** A fan interacted with an official account at `at` (a follow, a message): its 48-hour window opens. */
  interacted(appId: string, openid: string, at?: number): void;
  /**
   * The agent requests employees acted on, each with what Herald answered when told: not yet (`pending`: the
   * calls telling it are still going), not told (no 2xx answer to any), an answer that moved a message
   * (`applied`), kept it for later (`held`), or moved `nothing`.
   */
  employeeAnswers(): Array<{
    msgid: string;
    ref?: string;
    told: Told;
    answer: string;
    answerMs: number;
    tells: number;
  }>;
  /** What the accounts' servers answered the job results posted to them (template and mass sends), oldest first. */
  jobResultAnswers: JobResultAnswer[];
  close(): Promise<void>;
}

/** What Herald answered an employee's act (see `employeeAnswers`). */
export type Told = 'pending' | 'no' | 'applied' | 'held' | 'nothing';

/** Reads Herald's answer to an employee's act, as the request keeps it ("Herald answered 200: {…}"). */
function toldOf(answer: string | undefined): Told {
  if (answer === undefined) return 'pending';
  const body = /^Herald answered 2\d\d: (.*)$/s.exec(answer ?? '')?.[1];
  if (body === undefined) return 'no';
  try {
    const results = (JSON.parse(body) as { results?: Array<{ applied?: boolean; held?: boolean }> }).results ?? [];
    return results.some((r) => r.applied) ? 'applied' : results.some((r) => r.held) ? 'held' : 'nothing';
  } catch {
    return 'nothing';
  }
}

/** Starts the channel sandbox on 127.0.0.1: WeChat OA, WeCom, chat platform, webhooks, SMTP. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = new MessageStore();
  const receipts = new ReceiptPoster();
  store.onAdd = (m) => receipts.onMessage(m);
  let counter = 0;
  const ctx: SandboxContext = {
    store,
    faults: new Faults(),
    tokens: new TokenBook(options.tokenTtlSeconds ?? 7200),
    confirmDelayMs: options.confirmDelayMs ?? 2000,
    wechatMassCallsPerDay: options.wechatMassCallsPerDay ?? 100,
    nextId: (prefix) => `${prefix}-${(++counter).toString(36)}`,
    interactions: new Map(),
    unfollowed: new Set(),
    wecomTasks: new Map(),
    directories: new Map(),
    apps: new Map(),
    servers: new Map(),
    templateResults: new Map(),
    massResults: new Map(),
    jobResultAnswers: [],
    fans: new Map(),
    confirmWecomTask: () => {},
    employeeRequests: new Map(),
    heldAttachments: new Map(),
    employeeBehaviours: new Map(),
    wecomCallbacks: new Map(),
    actOnRequest: async () => ({ ok: false, body: '' }),
  };
  ctx.confirmWecomTask = makeWecomConfirm(ctx);
  ctx.actOnRequest = makeActOnRequest(ctx);
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024, keepAliveTimeout: 30_000 });
  app.addHook('onSend', async () => receipts.beforeAnswer());
  await app.register(async (scope) => wechatRoutes(scope, ctx));
  await app.register(async (scope) => wecomRoutes(scope, ctx));
  await app.register(async (scope) => wecomDirectoryRoutes(scope, ctx));
  await app.register(async (scope) => chatRoutes(scope, ctx));
  await app.register(async (scope) => hookRoutes(scope, ctx));
  await app.register(async (scope) => controlRoutes(scope, ctx, receipts));
  await app.register(async (scope) => platformRoutes(scope, ctx));
  const url = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const smtp =
    (options.smtpPort ?? 0) >= 0 ? await startSmtp(store, options.smtpPort ?? 0, ctx.nextId, ctx.faults) : undefined;
  return {
    url,
    smtpPort: smtp?.port ?? -1,
    store,
    faults: ctx.faults,
    tokens: ctx.tokens,
    receipts,
    jobResultAnswers: ctx.jobResultAnswers,
    interacted: (appId, openid, at = Date.now()) => void ctx.interactions.set(`${appId}:${openid}`, at),
    employeeAnswers: () =>
      [...ctx.employeeRequests.values()]
        .filter((r) => r.state !== 'waiting')
        .map((r) => ({
          msgid: r.msgid,
          ...(r.ref ? { ref: r.ref } : {}),
          told: toldOf(r.answer),
          answer: r.answer ?? '',
          answerMs: r.answerMs ?? 0,
          tells: r.tells ?? 0,
        })),
    close: async () => {
      receipts.stop();
      await app.close();
      await smtp?.close();
    },
  };
}
