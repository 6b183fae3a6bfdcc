// WeChat's customer-service window: a fan can be sent customer-service messages only for a while
// after they last interacted with the official account. One definition of which events open it and
// how long it lasts, used by event ingestion (which records the interaction), validation (which
// wants a customer-service send right after one) and the send (which skips fans outside it).
//
// Source: WeChat Official Accounts, "客服消息 / Customer service messages"
// (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html):
// "当用户和公众号产生特定动作的交互时…可以在一段时间内调用客服接口"
// — the window opens when the fan sends a message, clicks a custom menu item of one of three kinds only
// (a click push "点击推事件", a scan push "扫码推事件", a scan push with a "message receiving" prompt
// "扫码推事件且弹出'消息接收中'提示框"),
// follows the account, scans a QR code, pays successfully, or files a rights claim ("用户维权"), and
// lasts 48 hours (errcode 45015 "response out of time limit" outside it). A link menu item (VIEW)
// is not among them. DESIGN.md, "Channel rules".
import { capabilityOf } from './registry';
import type { MethodId } from './channel-kinds';
import { isStopping, resolvePolicies, type QuotaOverride, type QuotaPolicy, type StoppingPolicy } from './quota-policy';

/**
 * Herald's event types that count as a fan's interaction with an account (each opens the window
 * again): a message, a follow (`follow`, and `subscribe` as WeChat names it), a click-push menu item
 * (`click`, WeChat's CLICK), a scan-push menu item (`scancode_push`, `scancode_waitmsg`), a QR scan
 * (`scan`), a successful payment (`payment`) and a rights claim (`rights`). A link menu item (WeChat's
 * VIEW, Herald's `menu_view`) opens nothing; nor does `menu_click`, the name Herald gave VIEW before.
 */
export const interactionEventNames = [
  'message',
  'follow',
  'subscribe',
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'scan',
  'payment',
  'rights',
] as const;
export type InteractionEventName = (typeof interactionEventNames)[number];

/**
 * The interactions after which WeChat allows only 3 customer-service messages within a minute (a follow,
 * a QR scan, a menu click), unless the fan also wrote within the window (DESIGN.md, "Channel rules";
 * the `after_event` policy `wechat_cs_after_event_minute`).
 */
export const afterEventNames: readonly InteractionEventName[] = [
  'follow',
  'subscribe',
  'scan',
  'click',
  'scancode_push',
  'scancode_waitmsg',
];

/** Whether an event of this type opens (or reopens) the fan's window on the account it came through. */
export function opensInteractionWindow(eventType: string): boolean {
  return (interactionEventNames as readonly string[]).includes(eventType);
}

/** How long each kind of window lasts, in milliseconds (a month as 30 days: a rolling length, not a calendar one). */
export const windowMs = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
};

/** Hours after a recipient's last interaction in which a send may reach them (resolved policies; none: no window). */
export function interactionWindowHoursOf(policies: readonly QuotaPolicy[]): number | undefined {
  const policy = policies.find((p) => p.kind === 'window');
  return policy ? (policy.limit * windowMs[policy.window]) / 3_600_000 : undefined;
}

/**
 * The limit on sends right after a follow, scan or menu click among resolved policies (WeChat's 3
 * customer-service messages within a minute; undefined when the method has none or the account disabled
 * it). The send path and the preview call this.
 */
export function afterEventPolicyOf(policies: readonly QuotaPolicy[]): StoppingPolicy | undefined {
  return policies.filter(isStopping).find((p) => p.kind === 'after_event');
}

/**
 * The window a send by `method` from an account with these quota overrides must respect, in
 * hours: the registry's default (48 for customer-service messages) unless the account overrides
 * or disables it; undefined for methods without a window. The send path and the preview call this.
 */
export function interactionWindowHours(
  method: MethodId,
  overrides: Readonly<Record<string, QuotaOverride>> = {},
): number | undefined {
  return interactionWindowHoursOf(resolvePolicies(capabilityOf(method).policies, overrides));
}

/** The earliest last interaction that still admits a send at `now` in a window of `hours`. */
export function interactionWindowSince(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * 3_600_000);
}
