import { boolean, index, jsonb, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, counter, oneOf, optionalRef, ownedBy, timestamps } from './columns';
import { employees, inWorkspace, workspaceTable } from './workspaces';
import { channelAccounts } from './channels';
import { identityKinds } from '../enums';

/** A person reachable on one or more channels. */
export const contacts = workspaceTable(
  'contacts',
  {
    /** The caller's own id; imports are idempotent on it. */
    externalId: text('external_id'),
    name: text('name').notNull().default(''),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    timezone: text('timezone'),
    unsubscribed: boolean('unsubscribed').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('contacts_workspace_external_uq').on(t.workspaceId, t.externalId),
    index('contacts_workspace_id_idx').on(t.workspaceId, t.id),
    // The contacts page searches names with ILIKE '%…%' (an infix match: trigrams).
    index('contacts_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

/** Identity kinds: how a contact is addressed on a channel. */
export { identityKinds };

/** A contact's address on a channel (optionally scoped to one channel account, as openids are). */
export const contactIdentities = workspaceTable(
  'contact_identities',
  {
    contactId: ownedBy('contact_id', () => contacts.id),
    kind: text('kind', { enum: identityKinds }).notNull(),
    /** Null for identities valid on every account of the kind (phone, email). */
    channelAccountId: uuid('channel_account_id').references(() => channelAccounts.id, { onDelete: 'cascade' }),
    value: text('value').notNull(),
    ...timestamps(),
  },
  (t) => [
    unique('contact_identities_value_uq').on(t.workspaceId, t.kind, t.channelAccountId, t.value).nullsNotDistinct(),
    // (contact, kind, account, value): a send's address lookup reads the account's identity first, then the
    // shared one, in index order without a sort, from the index alone.
    index('contact_identities_contact_idx').on(t.contactId, t.kind, t.channelAccountId, t.value),
    // The contacts page finds a contact by the start of a phone, email or openid (LIKE 'x%', any kind).
    index('contact_identities_value_prefix_idx').on(t.workspaceId, t.value.op('text_pattern_ops')),
    oneOf('contact_identities', t.kind, identityKinds),
  ],
);

/** The last time a contact interacted on a channel account (the WeChat 48 h service window). */
export const contactInteractions = pgTable(
  'contact_interactions',
  {
    workspaceId: inWorkspace(),
    contactId: ownedBy('contact_id', () => contacts.id),
    channelAccountId: ownedBy('channel_account_id', () => channelAccounts.id),
    lastInteractionAt: at('last_interaction_at').notNull(),
    lastInteractionKind: text('last_interaction_kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.channelAccountId] })],
);

/**
 * The WeCom employees who own a contact (have them as an external contact): WeCom reaches a
 * customer only through them. Several employees may own one customer, as WeCom allows; the first
 * assigned is the one an agent message goes to.
 */
export const contactOwners = pgTable(
  'contact_owners',
  {
    workspaceId: inWorkspace(),
    contactId: ownedBy('contact_id', () => contacts.id),
    employeeId: ownedBy('employee_id', () => employees.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.employeeId] }), index('contact_owners_employee_idx').on(t.employeeId)],
);

/** Labels marketers put on contacts; audiences select by them. */
export const tags = workspaceTable(
  'tags',
  {
    name: text('name').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('tags_workspace_name_uq').on(t.workspaceId, t.name)],
);

/** Which contact has which tag; the tag-first index serves audience pages. */
export const contactTags = pgTable(
  'contact_tags',
  {
    workspaceId: inWorkspace(),
    contactId: ownedBy('contact_id', () => contacts.id),
    tagId: ownedBy('tag_id', () => tags.id),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.contactId] }), index('contact_tags_contact_idx').on(t.contactId)],
);

/** WeCom customer group chats, owned by an employee who sends group messages to them. */
export const groupChats = workspaceTable(
  'group_chats',
  {
    chatId: text('chat_id').notNull(),
    name: text('name').notNull(),
    ownerEmployeeId: optionalRef('owner_employee_id', () => employees.id),
    memberCount: counter('member_count'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('group_chats_workspace_chat_uq').on(t.workspaceId, t.chatId)],
);
