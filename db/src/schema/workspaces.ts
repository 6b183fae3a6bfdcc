import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, oneOf, timestamps, workspaceId } from './columns';

/** A tenant. Every tenant-owned row carries its id. */
export const workspaces = pgTable('workspaces', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  ...timestamps(),
});

/** Machine credentials: only a sha256 of the key is kept; the prefix finds the row. */
export const apiKeys = pgTable('api_keys', {
  id: id(),
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull().unique(),
  keyHash: text('key_hash').notNull(),
  lastUsedAt: at('last_used_at'),
  revokedAt: at('revoked_at'),
  ...timestamps(),
});

export const memberRoles = ['owner', 'admin', 'marketer', 'viewer'] as const;

/** Marketers who sign in to the editor. */
export const members = pgTable(
  'members',
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: memberRoles }).notNull().default('marketer'),
    disabled: boolean('disabled').notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex('members_workspace_email_uq').on(t.workspaceId, t.email), oneOf('members', t.role, memberRoles)],
);

/** Member sign-in sessions (cookie holds the token; only its hash is stored). */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    ...timestamps(),
  },
  (t) => [index('sessions_member_idx').on(t.memberId)],
);

/** WeCom staff who own external contacts and group chats; WeCom broadcasts go through them. */
export const employees = pgTable(
  'employees',
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    wecomUserId: text('wecom_user_id').notNull(),
    name: text('name').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('employees_workspace_userid_uq').on(t.workspaceId, t.wecomUserId)],
);
