import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Where the platform posts an official account's callbacks, and the token it signs them with. */
export interface ServerConfig {
  url: string;
  token: string;
}

/** WeChat's callback signature: sha1 of the sorted token, timestamp and nonce. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

const signedUrl = (config: ServerConfig, extra: Record<string, string> = {}) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const url = new URL(config.url);
  url.searchParams.set('signature', wechatSignature(config.token, timestamp, nonce));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return url.toString();
};

/** What the receiving server answered. */
export interface Answer {
  ok: boolean;
  status: number | null;
  body: string;
}

async function exchange(url: string, init: RequestInit): Promise<Answer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    return { ok: response.ok, status: response.status, body: (await response.text()).slice(0, 2000) };
  } catch (error) {
    return { ok: false, status: null, body: `could not reach ${new URL(url).host}: ${(error as Error).message}` };
  }
}

/**
 * The check WeChat makes when the server configuration is saved: a signed GET with an `echostr`
 * the server must answer as it is. Passed when it did.
 */
export async function verifyServer(config: ServerConfig): Promise<Answer> {
  const echostr = randomBytes(8).toString('hex');
  const answer = await exchange(signedUrl(config, { echostr }), { method: 'GET' });
  return { ...answer, ok: answer.ok && answer.body === echostr };
}

/** A fan's action as WeChat reports it. */
export type FanAction =
  | { kind: 'follow' }
  | { kind: 'unfollow' }
  | { kind: 'message'; text: string }
  | { kind: 'menu_click'; key: string }
  | { kind: 'menu_view'; url: string }
  | { kind: 'scancode_push' | 'scancode_waitmsg'; key: string; result: string }
  | { kind: 'scan'; scene: string };

/**
 * Whether WeChat lets the account answer with customer-service messages after this action (the
 * 48-hour window, as the platform documents it): a link menu item (VIEW) and an unfollow do not.
 */
export const opensWindow = (action: FanAction): boolean => action.kind !== 'menu_view' && action.kind !== 'unfollow';

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** One XML element whose text is wrapped in CDATA, as WeChat writes its callbacks. */
const tag = (name: string, text: string) => `<${name}>${cdata(text)}</${name}>`;

/** The elements every callback starts with: the account, the fan (or sender) and the time. */
const headOf = (appid: string, openid: string) =>
  tag('ToUserName', appid) + tag('FromUserName', openid) + `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>`;

/** The callback XML WeChat posts for one action of one fan to an official account. */
export function callbackXml(appid: string, openid: string, action: FanAction, msgId: string): string {
  const head = headOf(appid, openid);
  const event = (name: string, rest = '') => `<xml>${head}${tag('MsgType', 'event')}${tag('Event', name)}${rest}</xml>`;
  switch (action.kind) {
    case 'follow':
      return event('subscribe');
    case 'unfollow':
      return event('unsubscribe');
    case 'menu_click':
      return event('CLICK', tag('EventKey', action.key));
    case 'menu_view':
      return event('VIEW', tag('EventKey', action.url));
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const scan = tag('ScanType', 'qrcode') + tag('ScanResult', action.result);
      return event(action.kind, `${tag('EventKey', action.key)}<ScanCodeInfo>${scan}</ScanCodeInfo>`);
    }
    case 'scan':
      return event('SCAN', tag('EventKey', action.scene));
    case 'message':
      return `<xml>${head}${tag('MsgType', 'text')}${tag('Content', action.text)}<MsgId>${msgId}</MsgId></xml>`;
  }
}

/** The event WeChat posts when a template message's job is done: `success`, `failed:user block`, … */
export function templateResultXml(appid: string, openid: string, msgid: string, status: string): string {
  const body = tag('MsgType', 'event') + tag('Event', 'TEMPLATESENDJOBFINISH');
  return `<xml>${headOf(appid, openid)}${body}<MsgID>${msgid}</MsgID>${tag('Status', status)}</xml>`;
}

/** A mass send job's counts, as its result reports them. */
export interface MassCounts {
  total: number;
  /** Fans left after the platform's filter (4 mass messages a fan a month). */
  filtered: number;
  sent: number;
  errors: number;
}

/**
 * The event WeChat posts when a mass send's job is done (from `mphelper`, the mass-send assistant): its
 * status (`send success`, `send fail`) and counts, naming no fan.
 */
export function massResultXml(appid: string, msgid: string, status: string, n: MassCounts): string {
  const body = tag('MsgType', 'event') + tag('Event', 'MASSSENDJOBFINISH');
  const counts = Object.entries({
    TotalCount: n.total,
    FilterCount: n.filtered,
    SentCount: n.sent,
    ErrorCount: n.errors,
  })
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('');
  return `<xml>${headOf(appid, 'mphelper')}${body}<MsgID>${msgid}</MsgID>${tag('Status', status)}${counts}</xml>`;
}

/** Posts a fan's action to the account's server, signed as WeChat signs it. */
export function postCallback(config: ServerConfig, xml: string): Promise<Answer> {
  return exchange(signedUrl(config), { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
}

/** Posts a form submission, HMAC-signed (`x-herald-signature` of `${timestamp}.${body}`) as a form service would. */
export function postFormSubmission(url: string, secret: string, submission: unknown): Promise<Answer> {
  const body = JSON.stringify(submission);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return exchange(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-herald-timestamp': timestamp, 'x-herald-signature': signature },
    body,
  });
}
