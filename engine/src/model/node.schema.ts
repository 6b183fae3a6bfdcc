import { z } from 'zod';
import { durationSchema, idSchema, positionSchema, timeOfDaySchema } from './common.schema';
import { audienceSchema } from './audience.schema';
import { messageSchema } from './message.schema';
import { methodIds, channelKinds } from '../channels/channel-kinds';

const propertyFilterSchema = z.object({
  property: z.string().min(1).max(128),
  op: z.enum(['eq', 'neq', 'contains', 'exists', 'gt', 'lt']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/** A condition a split evaluates for one contact (through an activity). */
export const conditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('has_tag'), tagId: idSchema }),
  z.object({ kind: z.literal('attribute'), key: z.string().min(1), op: z.enum(['eq', 'neq', 'contains', 'exists', 'gt', 'lt']), value: z.union([z.string(), z.number(), z.boolean()]).optional() }),
  z.object({ kind: z.literal('event_happened'), eventName: z.string().min(1), withinHours: z.number().positive().optional() }),
  z.object({ kind: z.literal('interacted'), channelAccountId: idSchema, withinHours: z.number().positive() }),
]);
export type Condition = z.infer<typeof conditionSchema>;

const base = { id: idSchema, position: positionSchema, label: z.string().max(200).optional() };
const node = <K extends string, D extends z.ZodTypeAny>(kind: K, data: D) => z.object({ ...base, kind: z.literal(kind), data });

/** What a send node sends: channel account, method, messages, and for batch journeys its audience. */
export const sendDataSchema = z.object({
  channelAccountId: z.string(),
  channel: z.enum(channelKinds),
  method: z.enum(methodIds),
  type: z.enum(['contacts', 'group_chats']).default('contacts'),
  messages: z.array(messageSchema).max(10),
  /** Required where the method creates a named task (WeCom group messages). */
  groupName: z.string().max(100).optional(),
  /** Batch journeys: who receives it (the trigger's audience narrowed by this one). */
  audience: audienceSchema.optional(),
  /** Customer-service messages: what to send when the 48 h window is closed. */
  fallback: z.object({ method: z.enum(methodIds), messages: z.array(messageSchema).max(10) }).optional(),
});
export type SendData = z.infer<typeof sendDataSchema>;

export const scheduleDataSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('once'), at: z.iso.datetime({ offset: true }), audience: audienceSchema }),
  z.object({
    mode: z.literal('recurring'),
    every: z.enum(['day', 'week', 'month']),
    time: timeOfDaySchema,
    timezone: z.string().min(1),
    weekday: z.number().int().min(0).max(6).optional(),
    audience: audienceSchema,
  }),
]);

/** Every node kind of the canvas, a union discriminated on `kind`. */
export const journeyNodeSchema = z.discriminatedUnion('kind', [
  node('follow', z.object({ channelAccountId: z.string() })),
  node('form_submit', z.object({ formId: z.string() })),
  node('event', z.object({ eventName: z.string(), filters: z.array(propertyFilterSchema).max(20).default([]) })),
  node('schedule', scheduleDataSchema),
  node('audience', z.object({ audience: audienceSchema })),
  node('wait', z.object({ duration: durationSchema })),
  node('wait_until', z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('datetime'), at: z.iso.datetime({ offset: true }) }),
    z.object({ mode: z.literal('time_of_day'), time: timeOfDaySchema, timezone: z.string().min(1).default('contact') }),
  ])),
  node('wait_for_event', z.object({ eventName: z.string(), timeout: durationSchema, filters: z.array(propertyFilterSchema).max(20).default([]) })),
  node('split', z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('yes_no'), condition: conditionSchema }),
    z.object({ mode: z.literal('branches'), branches: z.array(z.object({ id: idSchema, label: z.string().max(100), condition: conditionSchema })).min(1).max(10) }),
  ])),
  node('random_split', z.object({ branches: z.array(z.object({ id: idSchema, label: z.string().max(100), percent: z.number().min(0).max(100) })).min(2).max(10) })),
  node('exit', z.object({}).default({})),
  node('send', sendDataSchema),
  node('tag', z.object({ action: z.enum(['add', 'remove']), tagIds: z.array(idSchema).max(50) })),
  node('update_contact', z.object({ set: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()])) })),
  node('webhook', z.object({ url: z.string().max(2048), method: z.enum(['POST', 'PUT']).default('POST'), headers: z.record(z.string(), z.string()).default({}), body: z.string().max(65_536).default('') })),
]);
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type NodeKind = JourneyNode['kind'];
/** The node of one kind. */
export type NodeOf<K extends NodeKind> = Extract<JourneyNode, { kind: K }>;
