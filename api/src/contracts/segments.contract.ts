import { z } from 'zod';
import { segmentDefinitionSchema } from '@herald/engine';
import { idParams } from './common.contract';
import { create, get, post, put, remove } from './route.contract';

/** A saved segment: its name and rule. */
export const segmentBody = z.object({
  id: z.string(),
  name: z.string(),
  definition: segmentDefinitionSchema,
  updatedAt: z.string(),
});
export type SegmentRecord = z.infer<typeof segmentBody>;

const segmentInput = z.object({ name: z.string().trim().min(1).max(100), definition: segmentDefinitionSchema });

/** /api/segments: saved rules over contacts, with a live count of who is in one now. */
export const segmentRoutes = {
  list: get('/api/segments', z.object({ segments: z.array(segmentBody) })),
  get: get('/api/segments/:id', segmentBody, { params: idParams }),
  create: create('/api/segments', segmentBody, { body: segmentInput }),
  update: put('/api/segments/:id', segmentBody, { params: idParams, body: segmentInput }),
  remove: remove('/api/segments/:id', z.null(), { params: idParams }),
  /** How many contacts a rule holds for now (saved or not): the page's live count. */
  count: post('/api/segments/count', z.object({ count: z.number().int() }), {
    body: z.object({ definition: segmentDefinitionSchema }),
  }),
};
