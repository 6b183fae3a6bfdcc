import { z } from 'zod';
import { journeyStatuses } from '@herald/db/enums';
import { journeyGraphSchema, type JourneyGraph } from '@herald/engine';
import { idParams } from './common.contract';
import { route } from './route.contract';
import { approvalItem } from './governance.contract';

export const issueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});

// A stored draft goes back as it was saved (it was checked on save; the validator reports what a
// newer model would refuse), so the wire schema does not re-check it; its type is the model's.
const storedGraph = z.unknown() as unknown as z.ZodType<JourneyGraph>;

export const journeyBody = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(journeyStatuses),
  graph: storedGraph,
  currentVersionId: z.string().nullable(),
  versions: z.array(z.object({ id: z.string(), version: z.number(), publishedAt: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** A repeating schedule's next occurrence (null: none). */
  nextRunAt: z.string().nullable(),
});
export type JourneyRecord = z.infer<typeof journeyBody>;

export const journeyListItem = journeyBody.omit({ graph: true, versions: true });
export type JourneyListItem = z.infer<typeof journeyListItem>;

/** Per-step counts of the running version: who entered, who waits there now, and the sends' outcomes. */
export const nodeCounts = z.object({
  entered: z.number(),
  waiting: z.number(),
  sent: z.number(),
  failed: z.number(),
  skipped: z.number(),
  /** Contacts who reached the journey's goal while at this step. */
  converted: z.number(),
});
export type NodeCounts = z.infer<typeof nodeCounts>;

export const journeyVersionItem = z.object({
  id: z.string(),
  version: z.number(),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  current: z.boolean(),
});
export type JourneyVersion = z.infer<typeof journeyVersionItem>;

const journeyName = z.string().trim().min(1).max(200);

const rate = z.object({ converted: z.number(), total: z.number() });

/** A journey's outcome (the report). */
export const journeyReport = z.object({
  funnel: z.object({
    entered: z.number(),
    sent: z.number(),
    delivered: z.number(),
    read: z.number(),
    converted: z.number(),
  }),
  /** The holdout against those who entered (null: the journey keeps none out). */
  holdout: z
    .object({
      treatment: rate,
      holdout: rate,
      /** Conversion rates compared (null until both groups have contacts). */
      comparison: z
        .object({
          rate: z.number(),
          baseline: z.number(),
          difference: z.number(),
          low: z.number(),
          high: z.number(),
          lift: z.number().nullable(),
          pValue: z.number(),
        })
        .nullable(),
    })
    .nullable(),
  days: z.array(z.object({ day: z.string(), sent: z.number(), converted: z.number() })),
});
export type JourneyReport = z.infer<typeof journeyReport>;

/** A publish that went through: the new version. */
export const publishedJourney = z.object({
  versionId: z.string(),
  version: z.number(),
  mode: z.enum(['realtime', 'batch']),
});
/** A publish held for an admin (202): the approval request; nothing runs until it is approved. */
export const heldForApproval = z.object({ approval: approvalItem });

export const journeyRoutes = {
  list: route({
    method: 'GET',
    path: '/api/journeys',
    status: 200,
    response: z.object({ items: z.array(journeyListItem) }),
  }),
  create: route({
    method: 'POST',
    path: '/api/journeys',
    body: z.object({ name: journeyName, graph: journeyGraphSchema.optional() }),
    status: 201,
    response: journeyBody,
  }),
  get: route({ method: 'GET', path: '/api/journeys/:id', params: idParams, status: 200, response: journeyBody }),
  saveGraph: route({
    method: 'PUT',
    path: '/api/journeys/:id/graph',
    params: idParams,
    body: z.object({ graph: journeyGraphSchema, name: journeyName.optional() }),
    status: 200,
    response: journeyBody,
  }),
  rename: route({
    method: 'PATCH',
    path: '/api/journeys/:id',
    params: idParams,
    body: z.object({ name: journeyName }),
    status: 200,
    response: journeyBody,
  }),
  validate: route({
    method: 'POST',
    path: '/api/journeys/:id/validate',
    params: idParams,
    status: 200,
    response: z.object({ issues: z.array(issueSchema) }),
  }),
  publish: route({
    method: 'POST',
    path: '/api/journeys/:id/publish',
    params: idParams,
    status: 200,
    /** 200 and the version when it is published; 202 and the request when it waits for an admin's approval. */
    response: z.union([publishedJourney, heldForApproval]),
  }),
  pause: route({
    method: 'POST',
    path: '/api/journeys/:id/pause',
    params: idParams,
    status: 200,
    response: journeyBody,
  }),
  resume: route({
    method: 'POST',
    path: '/api/journeys/:id/resume',
    params: idParams,
    status: 200,
    response: journeyBody,
  }),
  archive: route({
    method: 'POST',
    path: '/api/journeys/:id/archive',
    params: idParams,
    status: 200,
    response: journeyBody,
  }),
  /** Moves contacts waiting in earlier versions to the live one at the same step (a dry run first). */
  migrate: route({
    method: 'POST',
    path: '/api/journeys/:id/migrate',
    params: idParams,
    body: z.object({ dryRun: z.boolean().default(true) }),
    status: 200,
    response: z.object({
      dryRun: z.boolean(),
      moved: z.number(),
      staying: z.number(),
      steps: z.array(z.object({ nodeId: z.string(), kind: z.string(), count: z.number(), moves: z.boolean() })),
    }),
  }),
  versions: route({
    method: 'GET',
    path: '/api/journeys/:id/versions',
    params: idParams,
    status: 200,
    response: z.object({ items: z.array(journeyVersionItem) }),
  }),
  /** What the journey achieved over all its runs: the funnel, the holdout's lift, sends and conversions by day. */
  report: route({
    method: 'GET',
    path: '/api/journeys/:id/report',
    params: idParams,
    status: 200,
    response: journeyReport,
  }),
  stats: route({
    method: 'GET',
    path: '/api/journeys/:id/stats',
    params: idParams,
    status: 200,
    response: z.object({ versionId: z.string().nullable(), nodes: z.record(z.string(), nodeCounts) }),
  }),
};
