import { z } from 'zod';

/**
 * Operators on a contact attribute, by the type they compare (a string "5" is not the number 5): the
 * same as a split's attribute condition and an event's property filters, so all three agree.
 */
export const attributeOps = ['eq', 'neq', 'contains', 'exists', 'gt', 'lt'] as const;
export type AttributeOp = (typeof attributeOps)[number];
const numberOps: readonly AttributeOp[] = ['gt', 'lt'];
const textOps: readonly AttributeOp[] = ['contains'];

/**
 * One condition of a segment: a tag the contact has (or not), an attribute compared by type, an event
 * the contact did (or did not) at least k times within N days (ever, without N), or an interaction
 * with a channel account within N days. A segment is saved whole (its ids are real ids): the page counts
 * and saves it only once every condition is complete.
 */
export const segmentConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tag'), tagId: z.uuid(), has: z.boolean().default(true) }),
  z
    .object({
      kind: z.literal('attribute'),
      key: z.string().trim().min(1).max(128),
      op: z.enum(attributeOps),
      value: z.union([z.string().max(1000), z.number(), z.boolean()]).optional(),
    })
    .refine((c) => !numberOps.includes(c.op) || typeof c.value === 'number', {
      message: 'compares numbers: give a number',
      path: ['value'],
    })
    .refine((c) => !textOps.includes(c.op) || typeof c.value === 'string', {
      message: 'looks inside text: give some text',
      path: ['value'],
    })
    .refine((c) => !['eq', 'neq'].includes(c.op) || c.value !== undefined, {
      message: 'compares with a value: give one',
      path: ['value'],
    }),
  z.object({
    kind: z.literal('event'),
    eventName: z.string().trim().min(1).max(200),
    did: z.boolean().default(true),
    atLeast: z.number().int().min(1).max(1000).default(1),
    withinDays: z.number().int().min(1).max(3650).optional(),
  }),
  z.object({
    kind: z.literal('interaction'),
    channelAccountId: z.uuid(),
    did: z.boolean().default(true),
    withinDays: z.number().int().min(1).max(3650),
  }),
]);
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

/** Conditions joined by AND (`all`) or OR (`any`). */
export const segmentGroupSchema = z.object({
  match: z.enum(['all', 'any']),
  conditions: z.array(segmentConditionSchema).max(20),
});
export type SegmentGroup = z.infer<typeof segmentGroupSchema>;

/** A saved segment's rule: groups joined by AND (`all`) or OR (`any`). */
export const segmentDefinitionSchema = z.object({
  match: z.enum(['all', 'any']),
  groups: z.array(segmentGroupSchema).max(10),
});
export type SegmentDefinition = z.infer<typeof segmentDefinitionSchema>;

/** How many conditions a definition holds (a segment with none selects nobody and is refused). */
export const conditionCount = (d: SegmentDefinition): number => d.groups.reduce((n, g) => n + g.conditions.length, 0);

/**
 * The events that can bring a contact into the segment: those a "did" condition counts. A real-time
 * "enters the segment" trigger looks again when one of them arrives (nothing else makes a contact enter).
 */
export const segmentEntryEvents = (d: SegmentDefinition): string[] => [
  ...new Set(d.groups.flatMap((g) => g.conditions.flatMap((c) => (c.kind === 'event' && c.did ? [c.eventName] : [])))),
];
