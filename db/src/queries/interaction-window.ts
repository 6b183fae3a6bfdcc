import { sql, type SQL } from 'drizzle-orm';
import { afterEventNames, interactionWindowSince, windowMs, type StoppingPolicy } from '@herald/engine';
import { textList } from '../sql-lists';
import { counted, methodsSharing } from './contact-rules';

/**
 * The window condition (WeChat's customer-service window, see the engine's interaction-window.ts):
 * the contact interacted with the account no earlier than `hours` before `now`, as event ingestion
 * recorded it in `contact_interactions`. `contact` is the contact id's SQL (a column or a parameter).
 */
export function interactedWithin(p: { contact: SQL; channelAccountId: string; now: Date; hours: number }): SQL {
  return sql`exists (select 1 from contact_interactions i where i.contact_id = ${p.contact}
    and i.channel_account_id = ${p.channelAccountId}::uuid
    and i.last_interaction_at >= ${interactionWindowSince(p.now, p.hours).toISOString()}::timestamptz)`;
}

/** The interaction window the after-event limit looks back over when the account has none (WeChat's 48 h). */
const defaultWindowHours = 48;

/**
 * Whether the contact `contact` (with `recipient`, its address) has had the sends an `after_event`
 * policy allows (WeChat: 3 customer-service messages within a minute of a follow, scan or menu click):
 * its last interaction with the account is such an event, less than the policy's window ago, it did
 * not write to the account within the interaction window (`windowHours`: a fan who wrote has the
 * larger allowance of a message; WeChat's 48 h when the account has no window), and the ledger holds
 * `limit` sends to it since the event. After the event's window, the interaction window alone decides
 * (DESIGN.md, "Channel rules"). A send step counts as one send, whatever its number of messages. The
 * send's page statement and the preview's count both apply this.
 */
export function afterEventUsedUp(p: {
  policy: StoppingPolicy;
  contact: SQL;
  recipient: SQL;
  channelAccountId: string;
  now: Date;
  windowHours: number | undefined;
}): SQL {
  const { policy } = p;
  const since = new Date(p.now.getTime() - windowMs[policy.window]).toISOString();
  const wroteSince = interactionWindowSince(p.now, p.windowHours ?? defaultWindowHours).toISOString();
  return sql`exists (select 1 from contact_interactions i where i.contact_id = ${p.contact}
    and i.channel_account_id = ${p.channelAccountId}::uuid
    and i.last_interaction_kind = any(${textList([...afterEventNames])})
    and i.last_interaction_at > ${since}::timestamptz and i.last_interaction_at <= ${p.now.toISOString()}::timestamptz
    and not exists (select 1 from inbound_events e where e.contact_id = ${p.contact}
      and e.occurred_at >= ${wroteSince}::timestamptz and e.type = 'message'
      and e.source = ${`wechat:${p.channelAccountId}`})
    and (select count(*) from (select 1 from deliveries d where d.contact_id = ${p.contact}
      and d.created_at >= i.last_interaction_at and d.recipient = ${p.recipient}
      and d.method = any(${textList(methodsSharing(policy.key))}) and d.status = any(${counted})
      limit ${policy.limit}) used) >= ${policy.limit})`;
}
