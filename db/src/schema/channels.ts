import { bigint, customType, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, oneOf, optionalRef, timestamps } from './columns';
import { inWorkspace, members, workspaceTable } from './workspaces';
import { channelKinds } from '@herald/engine';
import { materialKinds } from '../enums';

/** The engine's channel kinds (an account is of one); the check constraint holds these. */
export { channelKinds } from '@herald/engine';

/** A connected account on one platform: credentials are encrypted at rest and never returned. */
export const channelAccounts = workspaceTable(
  'channel_accounts',
  {
    kind: text('kind', { enum: channelKinds }).notNull(),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    /** Public, non-secret identifiers (appid, corpid, agentid, sender address…). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** AES-256-GCM ciphertext of the JSON credentials (secret, token, password). */
    credentialsEncrypted: text('credentials_encrypted').notNull(),
    /** Per-account overrides of the registry's default quota policies, keyed by policy key. */
    quotaOverrides: jsonb('quota_overrides').$type<Record<string, unknown>>().notNull().default({}),
    /** The IANA zone its quotas count days and months in (null: the platform's, see the engine's platform-time.ts). */
    quotaTimeZone: text('quota_time_zone'),
    /** Set when a member disabled the account: it is offered for nothing new. */
    disabledAt: at('disabled_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('channel_accounts_workspace_name_uq').on(t.workspaceId, t.name),
    oneOf('channel_accounts', t.kind, channelKinds),
  ],
);

export { materialKinds };

/** Raw bytes (bytea); postgres.js gives a Buffer, PGlite a Uint8Array: both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Uploaded media reused in messages; for WeChat the platform's permanent media id is kept. */
export const materials = workspaceTable(
  'materials',
  {
    kind: text('kind', { enum: materialKinds }).notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Where the bytes are: `db:material_contents` (PostgreSQL, shared by every API replica and worker). */
    storagePath: text('storage_path').notNull(),
    /** SHA-256 of the bytes, hex. */
    sha256: text('sha256'),
    /** { [channelAccountId]: mediaId } */
    platformMediaIds: jsonb('platform_media_ids').$type<Record<string, string>>().notNull().default({}),
    /** WeCom temporary media (3 days), uploaded on first send: { [channelAccountId]: { mediaId, expiresAt } } */
    temporaryMedia: jsonb('temporary_media')
      .$type<Record<string, { mediaId: string; expiresAt: string }>>()
      .notNull()
      .default({}),
    createdBy: optionalRef('created_by', () => members.id),
    ...timestamps(),
  },
  (t) => [index('materials_workspace_idx').on(t.workspaceId), oneOf('materials', t.kind, materialKinds)],
);

/**
 * The bytes of a material, apart from its row so lists never read them. At most 10 MB each
 * (WeChat's largest limit), which PostgreSQL stores out of line (TOAST) without trouble.
 */
export const materialContents = pgTable('material_contents', {
  materialId: uuid('material_id')
    .primaryKey()
    .references(() => materials.id, { onDelete: 'cascade' }),
  workspaceId: inWorkspace(),
  bytes: bytea('bytes').notNull(),
});
