import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { isUuid } from '../sql-lists';

/**
 * The one contact of a test send: its name, its address on the account (null without one) and
 * its owners' WeCom ids.
 */
export interface TestRecipient {
  name: string;
  address: string | null;
  /** The WeCom user ids of its owning employees, first assigned first. */
  owners: string[];
}

/**
 * A contact's address on a channel account, as a send finds it (the account's own identity first,
 * then a shared one; webhooks address the contact id), with its owning employees' WeCom user ids.
 */
export async function testRecipient(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string; identityKind: string | null; channelAccountId: string },
): Promise<TestRecipient | undefined> {
  if (!isUuid(p.contactId)) return undefined;
  const address = p.identityKind
    ? sql`(select ci.value from contact_identities ci where ci.contact_id = c.id and ci.kind = ${p.identityKind}
        and (ci.channel_account_id = ${p.channelAccountId}::uuid or ci.channel_account_id is null)
        order by ci.channel_account_id nulls last limit 1)`
    : sql`c.id::text`;
  return rowsOf<TestRecipient>(
    await db.execute(sql`select c.name, ${address} as address,
        array(select e.wecom_user_id from contact_owners o join employees e on e.id = o.employee_id
          where o.contact_id = c.id order by o.created_at, o.employee_id) as owners
      from contacts c
      where c.id = ${p.contactId}::uuid and c.workspace_id = ${p.workspaceId}::uuid`),
  )[0];
}

/** The member's own contact: the one whose email identity is the member's sign-in email (oldest first). */
export async function memberContactId(
  db: HeraldDb,
  p: { workspaceId: string; memberId: string },
): Promise<{ email: string; contactId: string | null } | undefined> {
  return rowsOf<{ email: string; contactId: string | null }>(
    await db.execute(sql`select m.email, (select ci.contact_id from contact_identities ci
        where ci.workspace_id = m.workspace_id and ci.kind = 'email' and lower(ci.value) = lower(m.email)
        order by ci.created_at limit 1) as "contactId"
      from members m where m.id = ${p.memberId}::uuid and m.workspace_id = ${p.workspaceId}::uuid`),
  )[0];
}

/** One test send as recorded in its own ledger (never in `deliveries`, so nothing counts it). */
export interface TestSendRecord {
  workspaceId: string;
  memberId: string | null;
  journeyId: string | null;
  nodeId: string;
  contactId: string;
  channelAccountId: string;
  method: string;
  recipient: string | null;
  status: 'sent' | 'failed' | 'skipped';
  errorCode: string | null;
  providerMessageId: string | null;
}

/** Records a test send; returns its id. */
export async function recordTestSend(db: HeraldDb, r: TestSendRecord): Promise<number> {
  const [row] = rowsOf<{ id: string | number }>(
    await db.execute(sql`insert into test_sends (workspace_id, member_id, journey_id, node_id, contact_id,
        channel_account_id, method, recipient, status, error_code, provider_message_id)
      values (${r.workspaceId}::uuid, ${r.memberId}::uuid, ${r.journeyId}::uuid, ${r.nodeId}, ${r.contactId}::uuid,
        ${r.channelAccountId}::uuid, ${r.method}, ${r.recipient}, ${r.status}, ${r.errorCode}, ${r.providerMessageId})
      returning id`),
  );
  return Number(row!.id);
}
