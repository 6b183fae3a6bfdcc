import { sql, type SQL } from 'drizzle-orm';
import { interactionWindowSince } from '@herald/engine';

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
