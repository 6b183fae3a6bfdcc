import { z } from 'zod';
import { journeyStatuses } from '@herald/db/enums';
import { journeyGraphSchema, type JourneyGraph } from '@herald/engine';
import { counts, idParams, itemsOf } from './common.contract';
import { route, create, get, patch, post, put } from './route.contract';
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

/**
 * Per-step counts of the running version: who entered, who waits there now, the sends' outcomes, and
 * (converted) the contacts who reached the journey's goal while at this step.
 */
export const nodeCounts = z.object(counts('entered', 'waiting', 'sent', 'failed', 'skipped', 'converted'));
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
  funnel: z.object(counts('entered', 'sent', 'delivered', 'read', 'converted')),
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
  list: get('/api/journeys', itemsOf(journeyListItem)),
  create: create('/api/journeys', journeyBody, {
    body: z.object({ name: journeyName, graph: journeyGraphSchema.optional() }),
  }),
  get: get('/api/journeys/:id', journeyBody, { params: idParams }),
  saveGraph: put('/api/journeys/:id/graph', journeyBody, {
    params: idParams,
    body: z.object({ graph: journeyGraphSchema, name: journeyName.optional() }),
  }),
  rename: patch('/api/journeys/:id', journeyBody, { params: idParams, body: z.object({ name: journeyName }) }),
  validate: post('/api/journeys/:id/validate', z.object({ issues: z.array(issueSchema) }), { params: idParams }),
  publish: route({
    method: 'POST',
    path: '/api/journeys/:id/publish',
    params: idParams,
    status: 200,
    /** 200 and the version when it is published; 202 and the request when it waits for an admin's approval. */
    response: z.union([publishedJourney, heldForApproval]),
  }),
  pause: post('/api/journeys/:id/pause', journeyBody, { params: idParams }),
  resume: post('/api/journeys/:id/resume', journeyBody, { params: idParams }),
  archive: post('/api/journeys/:id/archive', journeyBody, { params: idParams }),
  /** Moves contacts waiting in earlier versions to the live one at the same step (a dry run first). */
  migrate: post(
    '/api/journeys/:id/migrate',
    z.object({
      dryRun: z.boolean(),
      moved: z.number(),
      staying: z.number(),
      steps: z.array(z.object({ nodeId: z.string(), kind: z.string(), count: z.number(), moves: z.boolean() })),
    }),
    { params: idParams, body: z.object({ dryRun: z.boolean().default(true) }) },
  ),
  versions: get('/api/journeys/:id/versions', itemsOf(journeyVersionItem), { params: idParams }),
  /** What the journey achieved over all its runs: the funnel, the holdout's lift, sends and conversions by day. */
  report: get('/api/journeys/:id/report', journeyReport, { params: idParams }),
  stats: get(
    '/api/journeys/:id/stats',
    z.object({ versionId: z.string().nullable(), nodes: z.record(z.string(), nodeCounts) }),
    { params: idParams },
  ),
};
