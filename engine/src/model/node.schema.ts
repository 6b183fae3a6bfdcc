import { z } from 'zod';
import { durationSchema, idSchema, positionSchema, timeOfDaySchema } from './common.schema';
import { audienceSchema } from './audience.schema';
import { messageSchema } from './message.schema';
import { variantSchema, winnerSchema } from './experiment.schema';
import { methodIds, channelKinds } from '../channels/channel-kinds';

const propertyFilterSchema = z.object({
  property: z.string().min(1).max(128),
  op: z.enum(['eq', 'neq', 'contains', 'exists', 'gt', 'lt']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/** A condition a split evaluates for one contact (through an activity). */
export const conditionSchema = z.discriminatedUnion('kind', [
  // Ids may be empty while a draft is being drawn; the validator says what is missing.
  z.object({ kind: z.literal('has_tag'), tagId: z.string().max(128) }),
  z.object({
    kind: z.literal('attribute'),
    key: z.string().min(1),
    op: z.enum(['eq', 'neq', 'contains', 'exists', 'gt', 'lt']),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  }),
  z.object({
    kind: z.literal('event_happened'),
    eventName: z.string().min(1),
    withinHours: z.number().positive().optional(),
  }),
  z.object({
    kind: z.literal('interacted'),
    channelAccountId: z.string().max(128),
    withinHours: z.number().positive(),
  }),
  /** What became of the message a send step of this journey sent the contact (delivered, read, replied). */
  z.object({
    kind: z.literal('message'),
    nodeId: z.string().max(128),
    status: z.enum(['delivered', 'read', 'replied']),
  }),
]);
export type Condition = z.infer<typeof conditionSchema>;

/** Who a send node addresses: contacts one by one, or group chats through their owners. */
export const sendTypeSchema = z.enum(['contacts', 'group_chats']);
export type SendType = z.infer<typeof sendTypeSchema>;

/** What a send node sends: channel account, method, messages, and for batch journeys its audience. */
export const sendDataSchema = z.object({
  channelAccountId: z.string(),
  channel: z.enum(channelKinds),
  method: z.enum(methodIds),
  type: sendTypeSchema.default('contacts'),
  messages: z.array(messageSchema).max(10),
  /** Required where the method creates a named task (WeCom group messages). */
  groupName: z.string().max(100).optional(),
  /** Batch journeys: who receives it (the trigger's audience narrowed by this one). */
  audience: audienceSchema.optional(),
  /** Customer-service messages: what to send when the 48 h window is closed. */
  fallback: z.object({ method: z.enum(methodIds), messages: z.array(messageSchema).max(10) }).optional(),
  /** A/B/n: contacts split by a stable hash of (contact, journey, step) into variants by share. */
  variants: z.array(variantSchema).max(5).optional(),
  /** With variants: test a share of a batch run's audience, then send the winner to the rest. */
  winner: winnerSchema.optional(),
});
export type SendData = z.infer<typeof sendDataSchema>;

export const scheduleDataSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('once'), at: z.iso.datetime({ offset: true }), audience: audienceSchema }),
  z.object({
    mode: z.literal('recurring'),
    every: z.enum(['day', 'week', 'month']),
    time: timeOfDaySchema,
    timezone: z.string().min(1),
    /** 0 = Sunday; a weekly schedule needs this or `weekdays`. */
    weekday: z.number().int().min(0).max(6).optional(),
    /** Several days of the week (0 = Sunday). */
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(),
    /** 1–28 so every month has it; required when `every` is month. */
    dayOfMonth: z.number().int().min(1).max(28).optional(),
    audience: audienceSchema,
  }),
]);

/**
 * The `data` schema of every node kind, keyed by kind. The canvas node and the compiled plan
 * node share these, so the interpreter reads exactly what the editor validated.
 */
export const nodeDataSchemas = {
  follow: z.object({ channelAccountId: z.string() }),
  form_submit: z.object({ formId: z.string() }),
  event: z.object({ eventName: z.string(), filters: z.array(propertyFilterSchema).max(20).default([]) }),
  schedule: scheduleDataSchema,
  /** A contact enters when an event makes it match the saved segment (see `enteringSegment`). */
  segment: z.object({ segmentId: z.string().max(128) }),
  audience: z.object({ audience: audienceSchema }),
  wait: z.object({ duration: durationSchema }),
  wait_until: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('datetime'), at: z.iso.datetime({ offset: true }) }),
    /** 'contact' means the contact's own time zone (resolved by the activities). */
    z.object({ mode: z.literal('time_of_day'), time: timeOfDaySchema, timezone: z.string().min(1).default('contact') }),
  ]),
  wait_for_event: z.object({
    eventName: z.string(),
    timeout: durationSchema,
    filters: z.array(propertyFilterSchema).max(20).default([]),
  }),
  split: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('yes_no'), condition: conditionSchema }),
    z.object({
      mode: z.literal('branches'),
      branches: z
        .array(z.object({ id: idSchema, label: z.string().max(100), condition: conditionSchema }))
        .min(1)
        .max(10),
    }),
  ]),
  random_split: z.object({
    branches: z
      .array(z.object({ id: idSchema, label: z.string().max(100), percent: z.number().min(0).max(100) }))
      .min(2)
      .max(10),
  }),
  exit: z.object({}).default({}),
  send: sendDataSchema,
  tag: z.object({ action: z.enum(['add', 'remove']), tagIds: z.array(idSchema).max(50) }),
  update_contact: z.object({
    set: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
  webhook: z.object({
    url: z.string().max(2048),
    method: z.enum(['POST', 'PUT']).default('POST'),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().max(65_536).default(''),
  }),
} as const;

const base = { id: idSchema, position: positionSchema, label: z.string().max(200).optional() };
const node = <K extends keyof typeof nodeDataSchemas>(kind: K) =>
  z.object({ ...base, kind: z.literal(kind), data: nodeDataSchemas[kind] });

/** Every node kind of the canvas, a union discriminated on `kind`. */
export const journeyNodeSchema = z.discriminatedUnion('kind', [
  node('follow'),
  node('form_submit'),
  node('event'),
  node('schedule'),
  node('segment'),
  node('audience'),
  node('wait'),
  node('wait_until'),
  node('wait_for_event'),
  node('split'),
  node('random_split'),
  node('exit'),
  node('send'),
  node('tag'),
  node('update_contact'),
  node('webhook'),
]);
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type NodeKind = JourneyNode['kind'];
/** The node of one kind. */
export type NodeOf<K extends NodeKind> = Extract<JourneyNode, { kind: K }>;
/** The `data` of one kind. */
export type NodeData<K extends NodeKind> = NodeOf<K>['data'];
