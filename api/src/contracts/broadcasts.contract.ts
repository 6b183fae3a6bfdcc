import { z } from 'zod';
import { broadcastStatuses, broadcastTypes, exportFormats, sendTypes } from '@herald/db/enums';
import { audienceSchema, messageSchema, methodIds, timeOfDaySchema, variantSchema, winnerSchema } from '@herald/engine';
import { counts, idParams, sortDirection, itemsOf } from './common.contract';
import { route, create, get, post, put } from './route.contract';

/** A broadcast as the list page shows it (also a conversation's scheduled message). */
export const broadcastItem = z.object({
  id: z.string(),
  name: z.string(),
  content: z.string(),
  method: z.enum(methodIds),
  type: z.enum(broadcastTypes),
  sendType: z.enum(sendTypes),
  sendAt: z.string().nullable(),
  /** A local-time send: the time of day (HH:MM) in each contact's zone. */
  localTime: z.string().nullable(),
  status: z.enum(broadcastStatuses),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  /** Set for a timed message into one conversation. */
  conversationContactId: z.string().nullable(),
  /** Recipients of the newest run (a chat broadcast's: the numbers given); null before it runs. */
  total: z.number().nullable(),
  /** Of those, how many the platform took (reached); null before it runs. */
  completed: z.number().nullable(),
});
export type BroadcastItem = z.infer<typeof broadcastItem>;

/** What a new broadcast is: its account and method, messages, audience and when it goes out. */
export const broadcastInput = z.object({
  name: z.string().trim().min(1).max(200),
  channelAccountId: z.uuid(),
  method: z.enum(methodIds),
  type: z.enum(broadcastTypes).default('contacts'),
  groupName: z.string().max(100).optional(),
  messages: z.array(messageSchema).min(1).max(10),
  audience: audienceSchema,
  sendType: z.enum(sendTypes),
  sendAt: z.iso.datetime({ offset: true }).optional(),
  /** `local_time`: each contact gets it at this time of day (HH:MM) in their own zone (the workspace's without one). */
  localTime: timeOfDaySchema.optional(),
  /** A/B/n: the first variant is `messages`, the others carry theirs; shares make 100. */
  variants: z.array(variantSchema).max(5).optional(),
  /** With variants: test on a share of the audience, then send the winner to the rest. */
  winner: winnerSchema.optional(),
  subject: z.string().max(200).optional(),
});
export type BroadcastInput = z.infer<typeof broadcastInput>;

/** What an edit of a pending broadcast may change; fields left out keep their value. */
export const broadcastEdit = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    audience: audienceSchema.optional(),
    messages: z.array(messageSchema).min(1).max(10).optional(),
    sendType: z.enum(sendTypes).optional(),
    sendAt: z.iso.datetime({ offset: true }).optional(),
    localTime: timeOfDaySchema.optional(),
    /** The message's variants and winner as they are to be (null: none any more). */
    variants: z.array(variantSchema).max(5).nullable().optional(),
    winner: winnerSchema.nullable().optional(),
  })
  .refine((edit) => Object.values(edit).some((v) => v !== undefined), {
    message: 'Say what to change: name, audience, messages, sendType, sendAt, localTime, variants or winner.',
  });
export type BroadcastEdit = z.infer<typeof broadcastEdit>;

/** Every column of the list a header sorts by. */
export const broadcastSortColumns = [
  'name',
  'content',
  'method',
  'type',
  'sendType',
  'sendAt',
  'status',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
] as const;
export type BroadcastSortColumn = (typeof broadcastSortColumns)[number];

/**
 * Which statuses a list sorts first: sending (in progress, paused), sent (completed, failed), not processed
 * (pending, draft).
 */
export const statusGroups = ['sending', 'sent', 'not_processed'] as const;

export const broadcastListQuery = z.object({
  /** Matches the name or the content. */
  search: z.string().trim().max(200).optional(),
  status: z.enum(broadcastStatuses).optional(),
  statusFirst: z.enum(statusGroups).optional(),
  sort: z.enum(broadcastSortColumns).default('createdAt'),
  dir: sortDirection.default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type BroadcastListQuery = z.input<typeof broadcastListQuery>;

/**
 * A broadcast's figures. Of the pending, `pendingEmployee` counts those handed to the owning employee (WeCom), not
 * sent by them yet; `rateLimited` those waiting for their employee's app-message rate (WeCom), sent when the next
 * window opens.
 */
export const broadcastStats = z.object({
  ...counts(
    'total',
    'sent',
    'delivered',
    'failed',
    'skipped',
    'pending',
    'pendingEmployee',
    'rateLimited',
    'declined',
    'expired',
  ),
  skippedByReason: z.record(z.string(), z.number()),
  /** Delivered ÷ audience. */
  receivedRate: z.number(),
  readRate: z.number(),
  replyRate: z.number(),
  progress: z.number(),
  /** WeCom: employees asked to send, and of them those who sent. */
  employees: z.object({ asked: z.number(), sent: z.number() }),
});
export const broadcastDetail = broadcastItem.extend({
  runId: z.string().nullable(),
  stats: broadcastStats,
  /** What it sends and to whom, as created (the detail page's preview; a copy's and an edit's starting point). */
  channelAccountId: z.string().nullable(),
  groupName: z.string().nullable(),
  messages: z.array(messageSchema),
  audience: audienceSchema.nullable(),
  /** The message's A/B test as created (null: none). */
  variants: z.array(variantSchema).nullable(),
  winner: winnerSchema.nullable(),
  /** Why an in-progress broadcast is still in progress, in words (e.g. waiting for employees); null otherwise. */
  waitingFor: z.string().nullable(),
});
export type BroadcastDetail = z.infer<typeof broadcastDetail>;

/** Where a message to one contact stands: its delivery's status, and why it failed or was skipped (null: not). */
export const deliveryState = { status: z.string(), reason: z.string().nullable() };

export const recipientItem = z.object({
  deliveryId: z.number(),
  contactId: z.string(),
  contactName: z.string(),
  recipient: z.string().nullable(),
  employee: z.string().nullable(),
  ...deliveryState,
  sentAt: z.string().nullable(),
});
export type Recipient = z.infer<typeof recipientItem>;

export const employeeStatsItem = z.object({
  employeeId: z.string().nullable(),
  name: z.string(),
  /** Waiting for the employee. */
  pending: z.number(),
  /** Sent by the employee, delivery not known yet. */
  sent: z.number(),
  delivered: z.number(),
  undelivered: z.number(),
});
export type EmployeeStatsRow = z.infer<typeof employeeStatsItem>;

export const broadcastRoutes = {
  create: create('/api/broadcasts', broadcastItem, { body: broadcastInput }),
  list: get('/api/broadcasts', itemsOf(broadcastItem).extend({ total: z.number() }), {
    query: broadcastListQuery,
  }),
  get: get('/api/broadcasts/:id', broadcastDetail, { params: idParams }),
  recipients: get(
    '/api/broadcasts/:id/recipients',
    itemsOf(recipientItem).extend({ nextCursor: z.number().nullable() }),
    {
      params: idParams,
      query: z.object({
        status: z.string().max(20).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.coerce.number().int().optional(),
      }),
    },
  ),
  employees: get('/api/broadcasts/:id/employees', itemsOf(employeeStatsItem), {
    params: idParams,
  }),
  pause: post('/api/broadcasts/:id/pause', broadcastItem, { params: idParams }),
  resume: post('/api/broadcasts/:id/resume', broadcastItem, { params: idParams }),
  cancel: post('/api/broadcasts/:id/cancel', broadcastItem, { params: idParams }),
  edit: put('/api/broadcasts/:id', broadcastItem, { params: idParams, body: broadcastEdit }),
  /** A copy of any broadcast: a draft (nothing is sent), or pending at `sendAt` when one is given. */
  copy: create('/api/broadcasts/:id/copy', broadcastItem, {
    params: idParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        sendAt: z.iso.datetime({ offset: true }).optional(),
      })
      .default({}),
  }),
  /** Sends a draft: now, or at `sendAt` (then it is pending until then). */
  send: post('/api/broadcasts/:id/send', broadcastItem, {
    description: 'Sends a draft (a copy): now, or at sendAt (pending until then).',
    params: idParams,
    body: z.object({
      sendType: z.enum(sendTypes),
      sendAt: z.iso.datetime({ offset: true }).optional(),
      /** `local_time`: the time of day in each contact's zone (the copied broadcast's when left out). */
      localTime: timeOfDaySchema.optional(),
    }),
  }),
  preview: post(
    '/api/broadcasts/preview',
    z.object({ audience: z.number(), reachable: z.number(), sendable: z.number() }),
    { body: z.object({ channelAccountId: z.uuid(), method: z.enum(methodIds), audience: audienceSchema }) },
  ),
  emailExport: route({
    method: 'POST',
    path: '/api/broadcasts/:id/export/email',
    params: idParams,
    body: z.object({
      format: z.enum(exportFormats),
      to: z.array(z.email().max(200)).min(1).max(20),
      subject: z.string().trim().min(1).max(200),
    }),
    status: 202,
    response: z.object({ exportId: z.string(), rows: z.number() }),
  }),
};
