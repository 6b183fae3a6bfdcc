import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, workspaceId } from './columns';
import { workspaces } from './workspaces';
import { runs } from './journeys';

export const deliveryStatuses = ['pending', 'sending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped'] as const;
export const skipReasons = [
  'quota_day', 'quota_week', 'quota_month', 'window_closed', 'quiet_hours', 'no_identity',
  'unsubscribed', 'frequency_cap', 'rule_forbidden', 'duplicate',
] as const;

/**
 * One message to one recipient. The unique key (run, node, contact, message index) is written
 * before the provider call, so a retried activity finds it and does not send again. Millions of
 * rows: a bigint identity and only the indexes the detail pages and receipts need.
 */
export const deliveries = pgTable('deliveries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  runId: uuid('run_id').notNull().references(() => runs.id, { onDelete: 'cascade' }),
  nodeId: text('node_id').notNull(),
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
  createdAt: at('created_at').notNull().defaultNow(),
  sentAt: at('sent_at'),
  deliveredAt: at('delivered_at'),
  readAt: at('read_at'),
  repliedAt: at('replied_at'),
}, (t) => [
  uniqueIndex('deliveries_key_uq').on(t.runId, t.nodeId, t.contactId, t.messageIndex, t.entrySeq),
  index('deliveries_run_status_idx').on(t.runId, t.status),
  index('deliveries_provider_msg_idx').on(t.providerMessageId).where(sql`provider_message_id is not null`),
]);

/**
 * Quota ledger: one row per (policy, subject, window). Reservation is one conditional upsert
 * (`count + n <= limit`), so parallel workers can never exceed a limit.
 */
export const quotaUsage = pgTable('quota_usage', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  policy: text('policy').notNull(),
  subject: text('subject').notNull(),
  windowStart: at('window_start').notNull(),
  count: integer('count').notNull().default(0),
  limit: integer('limit').notNull(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.policy, t.subject, t.windowStart] })]);

/** Exports of a broadcast's recipients, downloaded or emailed. */
export const exports = pgTable('exports', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  broadcastId: uuid('broadcast_id').notNull(),
  format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
  status: text('status', { enum: ['pending', 'ready', 'emailed', 'failed'] }).notNull().default('pending'),
  storagePath: text('storage_path'),
  rowCount: integer('row_count'),
  emailedTo: text('emailed_to').array(),
  subject: text('subject'),
  createdBy: uuid('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [index('exports_broadcast_idx').on(t.broadcastId)]);
