// What a marketer reads for Herald's codes: methods, send types, statuses, reasons, step kinds, sources.
// One place, so the same code always reads the same everywhere; the words are the catalogues' (i18n/),
// keyed by code, in the language the editor speaks.
import { formatDateTime } from '../i18n/format';
import { i18n, textOf } from '../i18n/i18n';

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const word = (group: string, code: string) => textOf(`labels.${group}.${code}`);

/** A send method as a person names it ("WeCom agent message (notifications app)"). */
export const methodLabel = (method: string): string => word('method', method) ?? method;

/** An account kind ("WeChat service account", "WeCom"). */
export const channelLabel = (kind: string): string => word('channel', kind) ?? titleCase(kind);

/** A step kind, for an inspector's title or a palette entry. */
export const stepLabel = (kind: string): string => word('step', kind) ?? titleCase(kind.replace(/_/g, ' '));

/** How a broadcast goes out: now, at a time, or at a time of day in each contact's zone. */
export const sendTypeLabel = (sendType: string): string => word('sendType', sendType) ?? sendType;

/** Whom a broadcast addresses: contacts one by one, or group chats. */
export const broadcastTypeLabel = (type: string): string => word('broadcastType', type) ?? type;

/** A broadcast's, journey's or message's status. */
export const statusLabel = (status: string): string => word('status', status) ?? titleCase(status.replace(/_/g, ' '));

/** Why a message was skipped or failed, for a person. */
export const reasonLabel = (reason: string | null): string =>
  reason === null
    ? ''
    : (word('reason', reason) ??
      titleCase(
        reason
          .replace(/^HERALD_ERR_/, '')
          .replace(/_/g, ' ')
          .toLowerCase(),
      ));

/** An event a contact did ("Followed", "Submitted a form"); other names as written. */
export const eventLabel = (type: string): string => word('event', type) ?? type;

/** Where an event came from, naming the account when it is one of the workspace's. */
export function sourceLabel(source: string, accountNames: Readonly<Record<string, string>>): string {
  const [kind, id = ''] = source.split(/:(.*)/s);
  if (kind === 'wechat')
    return accountNames[id]
      ? i18n.t('labels.source.wechatAccount', { name: accountNames[id] })
      : i18n.t('labels.source.wechat');
  if (kind === 'form') return i18n.t('labels.source.form', { id });
  if (kind === 'api') return i18n.t('labels.source.api');
  return i18n.t('labels.source.other', { source });
}

/** The nouns a count can have ("3 minutes", "1 tag"). */
export type CountNoun = 'minute' | 'hour' | 'day' | 'week' | 'tag' | 'problem' | 'contact' | 'groupChat';

/** "1 minute", "3 minutes": a count with its noun, in the editor's language (singular when one in English). */
export const countOf = (n: number, noun: CountNoun): string =>
  textOf(`labels.count.${noun}`, { count: n }) ?? String(n);

/** A member's or a key's role. */
export const roleLabel = (role: string): string => word('role', role) ?? role;

/** What a role may do, in a sentence ("Drafts and publishes journeys…"). */
export const roleWordsOf = (role: string): string => word('roleWords', role) ?? role;

/** A date and time as a member reads it (their browser's zone, their language). */
export const whenLabel = (iso: string | null): string => (iso ? formatDateTime(iso) : '—');

/** What an experiment's winner is chosen by ("read rate"). */
export const winnerMetricLabel = (metric: string): string => textOf(`composer.variants.metric.${metric}`) ?? metric;

/** A variant's name as marketers see it: its label, else its id as a capital letter ("Variant B"). */
export const variantLabel = (v: { id: string; label?: string | null | undefined }): string =>
  i18n.t('composer.variants.name', { name: v.label?.trim() || v.id.toUpperCase() });
