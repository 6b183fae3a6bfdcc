import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';

export interface MergeContacts {
  workspaceId: string;
  /** The contact that stays. */
  keepId: string;
  /** The contact folded into it and then deleted. */
  otherId: string;
}

/**
 * Folds one contact into another in one transaction, keeping both timelines: the other's
 * identities, tags, interactions, events, messages, journey entries and journey positions move to
 * the kept contact, its owning employees join the kept one's, its name, attributes and time zone
 * fill what the kept one lacks, an unsubscribe on either side stays, and the other contact is
 * deleted. A message or journey position both contacts have for the same step stays the kept
 * contact's (the other's copy would repeat it under the same key); the other's copy of a message
 * stays in the ledger under its old id. False when either contact is not the workspace's.
 */
export async function mergeContacts(db: HeraldDb, p: MergeContacts): Promise<boolean> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const both = rowsOf<{ id: string }>(
      await tx.execute(sql`select id from contacts where workspace_id = ${p.workspaceId}::uuid
        and id in (${p.keepId}::uuid, ${p.otherId}::uuid) order by id for update`),
    );
    if (both.length !== 2) return false;
    const keep = sql`${p.keepId}::uuid`;
    const other = sql`${p.otherId}::uuid`;
    // The other's rows of a table move unless the kept contact has a row with the same `key`.
    const moveUnlessKept = (table: string, key: readonly string[]) => {
      const same = key.map((c) => sql`k.${sql.identifier(c)} = o.${sql.identifier(c)}`);
      return sql`update ${sql.identifier(table)} o
        set contact_id = ${keep}
        where o.contact_id = ${other}
          and not exists (select 1 from ${sql.identifier(table)} k
            where k.contact_id = ${keep} and ${sql.join(same, sql` and `)})`;
    };
    await tx.execute(sql`update contacts k set
        name = case when k.name = '' then o.name else k.name end,
        attributes = o.attributes || k.attributes,
        timezone = coalesce(k.timezone, o.timezone),
        unsubscribed = k.unsubscribed or o.unsubscribed,
        updated_at = now()
      from contacts o where k.id = ${keep} and o.id = ${other}`);
    await tx.execute(sql`update contact_identities set contact_id = ${keep} where contact_id = ${other}`);
    await tx.execute(sql`insert into contact_owners (workspace_id, contact_id, employee_id, created_at)
      select workspace_id, ${keep}, employee_id, created_at
      from contact_owners
      where contact_id = ${other}
      on conflict do nothing`);
    await tx.execute(sql`insert into contact_tags (workspace_id, contact_id, tag_id)
      select workspace_id, ${keep}, tag_id
      from contact_tags
      where contact_id = ${other}
      on conflict do nothing`);
    await tx.execute(sql`insert into contact_interactions (workspace_id, contact_id, channel_account_id,
        last_interaction_at, last_interaction_kind)
      select workspace_id, ${keep}, channel_account_id, last_interaction_at, last_interaction_kind
      from contact_interactions
      where contact_id = ${other}
      on conflict (contact_id, channel_account_id) do update set
        last_interaction_at = greatest(contact_interactions.last_interaction_at, excluded.last_interaction_at),
        last_interaction_kind = case when excluded.last_interaction_at > contact_interactions.last_interaction_at
          then excluded.last_interaction_kind else contact_interactions.last_interaction_kind end`);
    await tx.execute(sql`update inbound_events set contact_id = ${keep} where contact_id = ${other}`);
    await tx.execute(moveUnlessKept('deliveries', ['run_id', 'node_id', 'message_index', 'entry_seq']));
    await tx.execute(moveUnlessKept('journey_entries', ['journey_id', 'event_id']));
    await tx.execute(moveUnlessKept('journey_states', ['run_id', 'entry_seq']));
    await tx.execute(sql`delete from contacts where id = ${other}`);
    return true;
  });
}
