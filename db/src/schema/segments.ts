import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SegmentDefinition } from '@herald/engine';
import { at, bigId, oneOf, optionalRef, timestamps } from './columns';
import { inWorkspace, members, workspaceTable } from './workspaces';
import { journeys } from './journeys';

/**
 * A saved segment: a rule over contacts (tags, attributes, events, interactions in AND/OR groups),
 * read whenever an audience or trigger names it, so an edit applies to every journey at once.
 */
export const segments = workspaceTable(
  'segments',
  {
    name: text('name').notNull(),
    definition: jsonb('definition').$type<SegmentDefinition>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('segments_workspace_name_uq').on(t.workspaceId, t.name)],
);

export const testSendStatuses = ['sent', 'failed', 'skipped'] as const;

/**
 * The ledger of test sends: a step's or broadcast's message sent to one chosen contact. A table of its
 * own, so no statistic, counter or per-contact quota (all read from `deliveries`) can ever count one.
 */
export const testSends = pgTable(
  'test_sends',
  {
    id: bigId(),
    workspaceId: inWorkspace(),
    memberId: optionalRef('member_id', () => members.id),
    journeyId: uuid('journey_id').references(() => journeys.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    channelAccountId: uuid('channel_account_id'),
    method: text('method').notNull(),
    recipient: text('recipient'),
    status: text('status', { enum: testSendStatuses }).notNull(),
    errorCode: text('error_code'),
    providerMessageId: text('provider_message_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('test_sends_journey_idx').on(t.journeyId, t.createdAt),
    oneOf('test_sends', t.status, testSendStatuses),
  ],
);
