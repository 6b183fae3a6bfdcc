import { z } from 'zod';
import { identityKinds } from '@herald/db/enums';
import { idParams, sortDirection, itemsOf } from './common.contract';
import { route, create, get, patch, post } from './route.contract';

export const identityInput = z.object({
  kind: z.enum(identityKinds),
  value: z.string().trim().min(1).max(200),
  channelAccountId: z.uuid().nullish(),
});
/** An employee's WeCom user id (what the CSV's `owner` column holds). */
const wecomUserId = z.string().trim().min(1).max(64);

/** An employee who owns a contact. */
export const contactOwner = z.object({ id: z.string(), wecomUserId: z.string(), name: z.string() });

export const contactInput = z.object({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().max(200).default(''),
  attributes: z.record(z.string(), z.unknown()).default({}),
  timezone: z.string().max(64).optional(),
  identities: z.array(identityInput).max(20).default([]),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  /** WeCom user ids of the employees who own the contact (several, as WeCom allows); added to its owners. */
  owners: z.array(wecomUserId).max(20).default([]),
});
export type ContactInput = z.infer<typeof contactInput>;

/** At most this many contacts in one import (JSON or CSV). */
export const maxImportRows = 100_000;

export const contactBody = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  unsubscribed: z.boolean(),
  identities: z.array(
    z.object({ kind: z.enum(identityKinds), value: z.string(), channelAccountId: z.string().nullable() }),
  ),
  tags: z.array(z.object({ id: z.string(), name: z.string() })),
  owners: z.array(contactOwner),
  createdAt: z.string(),
});
export type ContactRecord = z.infer<typeof contactBody>;

/** A contact as the list shows it: its tags and when it was last heard from or written to. */
export const contactListItem = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  unsubscribed: z.boolean(),
  tags: z.array(z.string()),
  identities: z.array(z.object({ kind: z.enum(identityKinds), value: z.string() })),
  /** The owning employees' names, first assigned first. */
  owners: z.array(z.string()),
  lastActivityAt: z.string(),
  createdAt: z.string(),
});
export type ContactListItem = z.infer<typeof contactListItem>;

export const contactSortColumns = ['lastActivity', 'name', 'externalId', 'createdAt'] as const;
export type ContactSortColumn = (typeof contactSortColumns)[number];

export const contactListQuery = z.object({
  tagId: z.uuid().optional(),
  /** Contacts this employee owns, or `none`: contacts no employee owns. */
  ownerId: z.union([z.uuid(), z.literal('none')]).optional(),
  /** A name (any part), an external id, or the start of a phone, email, openid or other identity. */
  search: z.string().trim().max(200).optional(),
  sort: z.enum(contactSortColumns).default('lastActivity'),
  dir: sortDirection.default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ContactListQuery = z.input<typeof contactListQuery>;

export const importResult = z.object({ created: z.number(), updated: z.number() });
export type ImportResult = z.infer<typeof importResult>;

export const contactRoutes = {
  create: create('/api/contacts', contactBody, { body: contactInput }),
  list: get('/api/contacts', itemsOf(contactListItem).extend({ total: z.number() }), {
    query: contactListQuery,
  }),
  /** JSON `{ contacts: [...] }`, or a CSV file sent as `text/csv` (columns: see parseContactsCsv). */
  import: post('/api/contacts/import', importResult, {
    body: z.union([z.object({ contacts: z.array(contactInput).min(1).max(maxImportRows) }), z.string()]),
  }),
  get: get('/api/contacts/:id', contactBody, { params: idParams }),
  update: patch('/api/contacts/:id', contactBody, {
    params: idParams,
    body: z.object({
      name: z.string().max(200).optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
      unsubscribed: z.boolean().optional(),
      /** WeCom user ids: the contact's owners become exactly these (first assigned first). */
      owners: z.array(wecomUserId).max(20).optional(),
    }),
  }),
  /** Adds, removes or replaces the owning employees of many contacts at once (the contacts page's bulk assign). */
  assignOwners: post('/api/contacts/owners', z.object({ changed: z.number() }), {
    description: 'Adds, removes or replaces the owning employees (WeCom) of many contacts at once.',
    body: z.object({
      contactIds: z.array(z.uuid()).min(1).max(10_000),
      employeeIds: z.array(z.uuid()).min(1).max(20),
      mode: z.enum(['add', 'remove', 'replace']).default('add'),
    }),
  }),
  /**
   * Reads each employee's customers from a WeCom account (externalcontact/batch/get_by_user) into contacts and owners.
   */
  syncCustomers: post(
    '/api/contacts/sync-wecom',
    z.object({
      employees: z.object({ created: z.number(), updated: z.number() }),
      customers: z.number(),
      created: z.number(),
      owners: z.number(),
    }),
    {
      description:
        "Reads the company's members and each one's customers from a WeCom account (user/simplelist, " +
        'externalcontact/batch/get_by_user): members become employees, customers contacts (matched by external user ' +
        'id), the members who added them their owners.',
      body: z.object({ channelAccountId: z.uuid() }),
    },
  ),
  tag: post('/api/contacts/:id/tags', contactBody, {
    params: idParams,
    body: z.object({ tagIds: z.array(z.uuid()).min(1).max(50) }),
  }),
  untag: route({
    method: 'DELETE',
    path: '/api/contacts/:id/tags/:tagId',
    params: z.object({ id: z.uuid(), tagId: z.uuid() }),
    status: 200,
    response: contactBody,
  }),
  /** What a message template reads of the contact: the composer previews a personalised text with it. */
  templateContext: get(
    '/api/contacts/:id/template-context',
    z.object({
      name: z.string(),
      externalId: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      timezone: z.string().nullable(),
      tags: z.array(z.string()),
      attributes: z.record(z.string(), z.unknown()),
    }),
    { params: idParams },
  ),
  merge: route({
    method: 'POST',
    path: '/api/contacts/:id/merge',
    description:
      'Folds another contact into this one (the same person known twice): its identities, tags, events and ' +
      "messages move here and it is deleted. Both timelines become this contact's.",
    params: idParams,
    /** The contact to fold into this one: its identities, tags, events and messages move here and it is deleted. */
    body: z.object({ otherId: z.uuid() }),
    status: 200,
    response: contactBody,
  }),
};
