// What a marketer reads while building a segment: the kinds of condition and the attribute operators.
import type { AttributeOp, SegmentCondition } from '@herald/engine';

/** Each kind of condition, as the "Add condition" menu names it. */
export const conditionKindLabels: Record<SegmentCondition['kind'], string> = {
  tag: 'Tag',
  attribute: 'Attribute',
  event: 'Event',
  interaction: 'Channel interaction',
};

/** Attribute operators, in words (they compare by type: the text "5" is not the number 5). */
export const attributeOpLabels: Record<AttributeOp, string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains the text',
  exists: 'is set',
  gt: 'is a number greater than',
  lt: 'is a number less than',
};

/** How a group's (or the whole rule's) conditions combine. */
export const matchLabels = { all: 'all of', any: 'any of' } as const;

/** The live count in words. */
export const segmentCountText = (n: number | null): string =>
  n === null
    ? 'Counting…'
    : n === 1
      ? '1 contact is in this segment now'
      : `${n.toLocaleString()} contacts are in this segment now`;

/** Why a rule cannot be counted or saved yet. */
export const incompleteText = 'Complete every condition (choose a tag, an account, a key or an event) to count it.';
