// What a marketer reads for Herald's codes: methods, send types, statuses, reasons, step kinds, sources.
// One place, so the same code always reads the same everywhere.
import {
  capabilityOf,
  channelKindLabels,
  methodIds,
  nodeKindLabels,
  type MethodId,
  type NodeKind,
} from '@herald/engine';

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A send method as a person names it ("WeCom agent message (notifications app)"). */
export const methodLabel = (method: string): string =>
  (methodIds as readonly string[]).includes(method) ? capabilityOf(method as MethodId).label : method;

/** An account kind ("WeChat service account", "WeCom"). */
export const channelLabel = (kind: string): string =>
  titleCase(channelKindLabels[kind as keyof typeof channelKindLabels] ?? kind);

/** A step kind, for an inspector's title or a palette entry. */
export const stepLabel = (kind: string): string =>
  nodeKindLabels[kind as NodeKind] ?? titleCase(kind.replace(/_/g, ' '));

const sendTypes: Record<string, string> = { immediate: 'Send now', timed: 'Scheduled', local_time: 'Local time' };
/** How a broadcast goes out: now, at a time, or at a time of day in each contact's zone. */
export const sendTypeLabel = (sendType: string): string => sendTypes[sendType] ?? sendType;

const audienceTypes: Record<string, string> = { contacts: 'To contacts', group_chats: 'To group chats' };
/** Whom a broadcast addresses: contacts one by one, or group chats. */
export const broadcastTypeLabel = (type: string): string => audienceTypes[type] ?? type;

const statuses: Record<string, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  paused: 'Paused',
  canceled: 'Canceled',
  completed: 'Completed',
  failed: 'Failed',
  awaiting_approval: 'Awaiting approval',
  rejected: 'Rejected',
  approved: 'Approved',
  draft: 'Draft',
  active: 'Live',
  archived: 'Archived',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  replied: 'Replied',
  skipped: 'Skipped',
  pending_employee: 'Waiting for the employee',
  declined: 'Declined by the employee',
  expired: 'Expired (the employee did not send it)',
};
/** A broadcast's, journey's or message's status. */
export const statusLabel = (status: string): string => statuses[status] ?? titleCase(status.replace(/_/g, ' '));

const reasons: Record<string, string> = {
  quota_day: 'Already had one today (platform limit)',
  quota_week: 'Reached this week’s platform limit',
  quota_month: 'Reached this month’s platform limit',
  window_closed: 'Has not written in the last 48 hours',
  quiet_hours: 'In quiet hours',
  no_identity: 'No address on this channel',
  no_owner: 'No employee owns this customer',
  unsubscribed: 'Unsubscribed',
  frequency_cap: 'Reached your frequency cap',
  rule_forbidden: 'Not allowed by the channel’s rules',
  duplicate: 'Already sent',
  HERALD_ERR_CHANNEL_INVALID_RECIPIENT: 'The platform does not know this recipient',
  HERALD_ERR_CHANNEL_CONTENT_REJECTED: 'The platform refused the content',
  HERALD_ERR_CHANNEL_WINDOW_CLOSED: 'Has not written in the last 48 hours',
  HERALD_ERR_CHANNEL_QUOTA_EXCEEDED: 'The platform’s limit was reached',
  HERALD_ERR_CHANNEL_AUTH: 'The platform refused the account’s credentials',
  HERALD_ERR_CHANNEL_UNAVAILABLE: 'The platform was unavailable',
  HERALD_ERR_CHANNEL_TIMEOUT: 'The platform did not answer in time',
  HERALD_ERR_CHANNEL_RATE_LIMITED: 'The platform asked Herald to slow down',
  HERALD_ERR_CHANNEL_TARGET_REFUSED: 'This Herald may not call that address',
};
/** Why a message was skipped or failed, for a person. */
export const reasonLabel = (reason: string | null): string =>
  reason === null
    ? ''
    : (reasons[reason] ??
      titleCase(
        reason
          .replace(/^HERALD_ERR_/, '')
          .replace(/_/g, ' ')
          .toLowerCase(),
      ));

const events: Record<string, string> = {
  follow: 'Followed',
  unfollow: 'Unfollowed',
  message: 'Sent a message',
  message_received: 'Sent a message',
  click: 'Clicked a menu',
  menu_click: 'Opened a menu link',
  menu_view: 'Opened a menu link',
  scancode_push: 'Scanned a code from the menu',
  scancode_waitmsg: 'Scanned a code from the menu',
  scan: 'Scanned a QR code',
  rights: 'Filed a rights claim',
  form_submit: 'Submitted a form',
  payment: 'Paid',
  template_result: 'Template message result',
  mass_result: 'Mass message result',
};
/** An event a contact did ("Followed", "Submitted a form"); other names as written. */
export const eventLabel = (type: string): string => events[type] ?? type;

/** Where an event came from, naming the account when it is one of the workspace's. */
export function sourceLabel(source: string, accountNames: Readonly<Record<string, string>>): string {
  const [kind, id = ''] = source.split(/:(.*)/s);
  if (kind === 'wechat') return accountNames[id] ? `on ${accountNames[id]}` : 'on a WeChat account';
  if (kind === 'form') return `through form ${id}`;
  if (kind === 'api') return 'through the API';
  return `from ${source}`;
}

/** "1 minute", "3 minutes": a count with its noun, singular when one. */
export const plural = (n: number, noun: string): string => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;

const roles: Record<string, string> = { owner: 'Owner', admin: 'Admin', marketer: 'Marketer', viewer: 'Viewer' };
/** A member's or a key's role. */
export const roleLabel = (role: string): string => roles[role] ?? role;

/** A date and time as a member reads it (their browser's zone). */
export const whenLabel = (iso: string | null): string => (iso ? new Date(iso).toLocaleString('en-GB') : '—');

const winnerMetricWords: Record<string, string> = {
  delivered: 'delivered rate',
  read: 'read rate',
  replied: 'reply rate',
  converted: 'conversion rate',
};
/** What an experiment's winner is chosen by ("read rate"). */
export const winnerMetricLabel = (metric: string): string => winnerMetricWords[metric] ?? metric;

/** A variant's name as marketers see it: its label, else its id as a capital letter ("Variant B"). */
export const variantLabel = (v: { id: string; label?: string | null | undefined }): string =>
  `Variant ${v.label?.trim() || v.id.toUpperCase()}`;
