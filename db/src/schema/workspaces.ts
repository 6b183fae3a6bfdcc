import type { BuildExtraConfigColumns } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
} from 'drizzle-orm/pg-core';
import { at, id, oneOf, optionalRef, ownedBy, timestamps, workspaceId } from './columns';
import { keyRoles, memberLocales, memberRoles } from '../enums';

export { memberRoles, keyRoles };

/**
 * A person who signs in (one email, one password), a member of any number of workspaces. The
 * instance administrator (the first sign-in `./herald start` printed) creates workspaces.
 */
export const users = pgTable('users', {
  id: id(),
  /** Lower-cased. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  instanceAdmin: boolean('instance_admin').notNull().default(false),
  ...timestamps(),
});

/** A tenant. Every tenant-owned row carries its id. */
export const workspaces = pgTable('workspaces', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  ...timestamps(),
});

/** The workspace a row belongs to (every tenant-owned table has it): the row goes with its workspace. */
export const inWorkspace = () => workspaceId().references(() => workspaces.id, { onDelete: 'cascade' });

/** The first columns of a table a workspace owns: a generated uuid key and the workspace. */
const ownedRow = () => ({ id: id(), workspaceId: inWorkspace() });
type OwnedRow = ReturnType<typeof ownedRow>;

/** A table a workspace owns, keyed by a generated uuid: `id` and `workspace_id` come first, then `columns`. */
export function workspaceTable<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  extra?: (self: BuildExtraConfigColumns<TName, OwnedRow & TColumns, 'pg'>) => PgTableExtraConfigValue[],
) {
  return pgTable<TName, OwnedRow & TColumns>(name, { ...ownedRow(), ...columns }, extra);
}

/**
 * A person's place in a workspace, with their role there. `email` and `name` are the user's, kept
 * here for the lists' "created by" names; `disabled` is a removed member (kept for those names).
 */
export const members = workspaceTable(
  'members',
  {
    userId: ownedBy('user_id', () => users.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: memberRoles }).notNull().default('marketer'),
    disabled: boolean('disabled').notNull().default(false),
    /** The editor's language this member chose; null follows the browser's. */
    locale: text('locale', { enum: memberLocales }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('members_workspace_email_uq').on(t.workspaceId, t.email),
    uniqueIndex('members_workspace_user_uq').on(t.workspaceId, t.userId),
    index('members_user_idx').on(t.userId),
    oneOf('members', t.role, memberRoles),
    oneOf('members', t.locale, memberLocales),
  ],
);

/** Machine credentials: only a sha256 of the key is kept; the prefix finds the row. */
export const apiKeys = workspaceTable(
  'api_keys',
  {
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique(),
    keyHash: text('key_hash').notNull(),
    /** Keys from before roles existed could do everything bar an owner's acts: admin. */
    role: text('role', { enum: keyRoles }).notNull().default('admin'),
    expiresAt: at('expires_at'),
    createdBy: optionalRef('created_by', () => members.id),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
    ...timestamps(),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId), oneOf('api_keys', t.role, keyRoles)],
);

/** Member sign-in sessions (cookie holds the token; only its hash is stored). */
export const sessions = workspaceTable(
  'sessions',
  {
    memberId: ownedBy('member_id', () => members.id),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    ...timestamps(),
  },
  (t) => [index('sessions_member_idx').on(t.memberId)],
);

/** WeCom staff who own external contacts and group chats; WeCom broadcasts go through them. */
export const employees = workspaceTable(
  'employees',
  {
    wecomUserId: text('wecom_user_id').notNull(),
    name: text('name').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('employees_workspace_userid_uq').on(t.workspaceId, t.wecomUserId)],
);
