import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, oneOf, timestamps, workspaceId } from './columns';
import { members, workspaces } from './workspaces';

/** Channel kinds Herald speaks to. */
export const channelKinds = ['wechat_service', 'wechat_subscription', 'wecom', 'chat_platform', 'email', 'webhook'] as const;

/** A connected account on one platform: credentials are encrypted at rest and never returned. */
export const channelAccounts = pgTable('channel_accounts', {
  id: id(),
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: channelKinds }).notNull(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  /** Public, non-secret identifiers (appid, corpid, agentid, sender address…). */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  /** AES-256-GCM ciphertext of the JSON credentials (secret, token, password). */
  credentialsEncrypted: text('credentials_encrypted').notNull(),
  /** Per-account overrides of the registry's default quota policies, keyed by policy key. */
  quotaOverrides: jsonb('quota_overrides').$type<Record<string, unknown>>().notNull().default({}),
  ...timestamps(),
}, (t) => [uniqueIndex('channel_accounts_workspace_name_uq').on(t.workspaceId, t.name), oneOf('channel_accounts', t.kind, channelKinds)]);

export const materialKinds = ['image', 'voice', 'video', 'file'] as const;

/** Uploaded media reused in messages; for WeChat the platform's permanent media id is kept. */
export const materials = pgTable('materials', {
  id: id(),
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: materialKinds }).notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  storagePath: text('storage_path').notNull(),
  /** { [channelAccountId]: mediaId } */
  platformMediaIds: jsonb('platform_media_ids').$type<Record<string, string>>().notNull().default({}),
  createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
  ...timestamps(),
}, (t) => [index('materials_workspace_idx').on(t.workspaceId), oneOf('materials', t.kind, materialKinds)]);
