import { bigint, check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, bigId, counter, oneOf, optionalRef, ownedBy, providerMessageIndex } from './columns';
import { employees, inWorkspace, members, workspaceTable } from './workspaces';
import { channelAccounts } from './channels';
import { atRunStep, broadcasts } from './journeys';
import { skipReasons } from '@herald/engine';
import { deliveryStatuses, exportFormats, taskStatuses } from '../enums';

export { deliveryStatuses, exportFormats, taskStatuses };
/** The engine's skip reasons (a rule's skip is recorded with one); the check constraint holds these. */
export { skipReasons } from '@herald/engine';

export const batchStatuses = ['sending', 'sent', 'failed'] as const;

/**
 * One page's provider call(s), written in the same transaction as its delivery rows, before the
 * call. Its rows are inserted already `sent` and point here; while the batch is `sending` the call
 * has not been acknowledged (readers show its rows as sending, a retry sends them again with the
 * same dedup key). The outcome every row shares — accepted, one provider message id — is written
 * here once instead of on every row; rows carry only what differs (a failure, their own message id).
 * `first_row_id`..`last_row_id` bound its rows' ids, so its rows are found by a primary-key range.
 */
export const deliveryBatches = pgTable(
  'delivery_batches',
  {
    id: bigId(),
    ...atRunStep(),
    entrySeq: bigint('entry_seq', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: batchStatuses }).notNull().default('sending'),
    firstRowId: bigint('first_row_id', { mode: 'number' }),
    lastRowId: bigint('last_row_id', { mode: 'number' }),
    providerMessageId: text('provider_message_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    /**
     * The execution sending the batch now, when one took it over: a retry, or an attempt Temporal handed
     * out again (after a server restart) while the first still runs. Null: the execution that recorded it.
     * The taker writes its own; an earlier one reads it before each call and stops (see `deliver`).
     */
    holder: uuid('holder'),
    /**
     * Rows of the still open batch that its slices settled `sent` and that the run's and step's counters do not
     * count yet: a slice adds its own here (the batch row is locked by its settlement anyway), and the settlement
     * that closes the batch counts them with its own. The counters' rows are every lane's; grown by each slice,
     * they made each lane's settlement wait for the others' COMMITs (see slice-settlements.ts).
     */
    pendingSent: integer('pending_sent').notNull().default(0),
  },
  (t) => [
    index('delivery_batches_run_idx').on(t.runId, t.nodeId, t.status),
    providerMessageIndex('delivery_batches', t.providerMessageId),
    oneOf('delivery_batches', t.status, batchStatuses),
  ],
);

/**
 * One message to one recipient. The unique key (run, node, contact, message index) is written
 * before the provider call, so a retried activity finds it and does not send again. Millions of
 * rows: a bigint identity and only the indexes the detail pages and receipts need. A row that
 * goes to the provider is written `sent` with its batch: see `delivery_batches`. `created_at` is
 * the workflow clock when the send was decided: per-contact quotas and caps count rows by it.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigId(),
    ...atRunStep(),
    /** A contact, or a group chat for group-chat broadcasts: no foreign key, on purpose. */
    contactId: uuid('contact_id').notNull(),
    messageIndex: integer('message_index').notNull().default(0),
    /** Which entry of a real-time journey (0 for broadcasts): re-entry may pass a node again. */
    entrySeq: bigint('entry_seq', { mode: 'number' }).notNull().default(0),
    channelAccountId: uuid('channel_account_id'),
    method: text('method').notNull(),
    recipient: text('recipient'),
    ownerEmployeeId: uuid('owner_employee_id'),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    skipReason: text('skip_reason', { enum: skipReasons }),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    providerMessageId: text('provider_message_id'),
    /**
     * The page call that sends it (null: skipped, or settled on its own row). No foreign key: checked per
     * insert it would cost as much as the row.
     */
    batchId: bigint('batch_id', { mode: 'number' }),
    /** The message variant the contact got (a send step with variants); null without variants. */
    variant: text('variant'),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    deliveredAt: at('delivered_at'),
    readAt: at('read_at'),
    repliedAt: at('replied_at'),
  },
  (t) => [
    uniqueIndex('deliveries_key_uq').on(t.runId, t.nodeId, t.contactId, t.messageIndex, t.entrySeq),
    index('deliveries_run_status_idx').on(t.runId, t.status),
    providerMessageIndex('deliveries', t.providerMessageId),
    // A contact's timeline (the "chat" link): its messages without scanning every run's rows.
    index('deliveries_contact_idx').on(t.contactId, t.createdAt),
    oneOf('deliveries', t.status, deliveryStatuses),
    oneOf('deliveries', t.skipReason, skipReasons),
    // A send a rule stopped is recorded with its reason, never silently.
    check('deliveries_skipped_reason_check', sql`${t.status} <> 'skipped' or ${t.skipReason} is not null`),
  ],
);

/**
 * What an employee was asked to send, per provider message: a WeCom group message task (one per
 * owning employee and page: `targets` contacts, their outcomes counted from the platform's results)
 * or an agent message (one contact, `delivery_id`; the employee sends, declines or lets it expire,
 * reminded up to 3 times). Written when the provider accepted (or refused) the call, one row per
 * employee and call — never one per recipient of a group message. The per-employee table reads these.
 */
export const deliveryTasks = pgTable(
  'delivery_tasks',
  {
    id: bigId(),
    ...atRunStep(),
    batchId: bigint('batch_id', { mode: 'number' }),
    employeeId: optionalRef('employee_id', () => employees.id),
    channelAccountId: uuid('channel_account_id'),
    method: text('method').notNull(),
    providerMessageId: text('provider_message_id'),
    /** The delivery row an agent message asks the employee to send (null: a group task of many). */
    deliveryId: bigint('delivery_id', { mode: 'number' }),
    targets: counter('targets'),
    pending: counter('pending'),
    delivered: counter('delivered'),
    undelivered: counter('undelivered'),
    status: text('status', { enum: taskStatuses }).notNull().default('pending'),
    errorCode: text('error_code'),
    reminders: counter('reminders'),
    notifiedAt: at('notified_at'),
    confirmedAt: at('confirmed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('delivery_tasks_run_idx').on(t.runId, t.nodeId, t.status),
    providerMessageIndex('delivery_tasks', t.providerMessageId),
    // The sweep that reminds employees and expires agent messages reads only the waiting ones.
    index('delivery_tasks_waiting_idx')
      .on(t.createdAt)
      .where(sql`status = 'pending' and delivery_id is not null`),
    oneOf('delivery_tasks', t.status, taskStatuses),
  ],
);

export const earlyCallbackSources = ['employee', 'receipt', 'job', 'mass'] as const;
export const earlyCallbackActions = ['sent', 'delivered', 'declined', 'read', 'replied', 'failed'] as const;

/**
 * A provider's callback about a message id Herald has not recorded yet: the answer to a send call is
 * settled after the provider acted on it, and under load (or after a worker was killed mid-send) the
 * employee's app callback or a receipt can come first. Kept here and applied by the settlement that
 * records the id, in its transaction (so arrival order never matters); those no settlement ever
 * claims are pruned after a week. `source`: the WeCom app's employee callback, a receipt, a WeChat
 * template message's job result (`job`) or a mass send's (`mass`); `userid`: the employee's WeCom user
 * id (employee) or the recipient it names (a mass result: the fan WeChat posted it as).
 * One row per distinct callback, so a repeat stores nothing new.
 */
export const earlyCallbacks = pgTable(
  'early_callbacks',
  {
    id: bigId(),
    workspaceId: inWorkspace(),
    channelAccountId: ownedBy('channel_account_id', () => channelAccounts.id),
    source: text('source', { enum: earlyCallbackSources }).notNull(),
    msgid: text('msgid').notNull(),
    userid: text('userid').notNull(),
    action: text('action', { enum: earlyCallbackActions }).notNull(),
    /** What the provider said besides the action (a WeChat job's status text, e.g. "failed:user block"). */
    detail: text('detail'),
    at: at('at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('early_callbacks_key').on(t.channelAccountId, t.msgid, t.source, t.userid, t.action),
    index('early_callbacks_received_idx').on(t.receivedAt),
    oneOf('early_callbacks', t.source, earlyCallbackSources),
    oneOf('early_callbacks', t.action, earlyCallbackActions),
  ],
);

/**
 * Quota ledger: one row per (policy, subject, window). Reservation is one conditional upsert
 * (`count + n <= limit`), so parallel workers can never exceed a limit.
 */
export const quotaUsage = pgTable(
  'quota_usage',
  {
    workspaceId: inWorkspace(),
    policy: text('policy').notNull(),
    subject: text('subject').notNull(),
    windowStart: at('window_start').notNull(),
    count: counter('count'),
    limit: integer('limit').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.policy, t.subject, t.windowStart] })],
);

export const exportStatuses = ['pending', 'ready', 'emailed', 'failed'] as const;

/** Exports of a broadcast's recipients, downloaded or emailed. */
export const exports = workspaceTable(
  'exports',
  {
    broadcastId: ownedBy('broadcast_id', () => broadcasts.id),
    format: text('format', { enum: exportFormats }).notNull(),
    status: text('status', { enum: exportStatuses }).notNull().default('pending'),
    storagePath: text('storage_path'),
    rowCount: integer('row_count'),
    emailedTo: text('emailed_to').array(),
    subject: text('subject'),
    createdBy: optionalRef('created_by', () => members.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('exports_broadcast_idx').on(t.broadcastId),
    oneOf('exports', t.format, exportFormats),
    oneOf('exports', t.status, exportStatuses),
  ],
);
