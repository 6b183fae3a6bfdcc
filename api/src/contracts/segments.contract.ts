import { z } from 'zod';
import { segmentDefinitionSchema } from '@herald/engine';
import { idParams } from './common.contract';
import { route } from './route.contract';

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
  list: route({
    method: 'GET',
    path: '/api/segments',
    status: 200,
    response: z.object({ segments: z.array(segmentBody) }),
  }),
  get: route({ method: 'GET', path: '/api/segments/:id', params: idParams, status: 200, response: segmentBody }),
  create: route({ method: 'POST', path: '/api/segments', body: segmentInput, status: 201, response: segmentBody }),
  update: route({
    method: 'PUT',
    path: '/api/segments/:id',
    params: idParams,
    body: segmentInput,
    status: 200,
    response: segmentBody,
  }),
  remove: route({ method: 'DELETE', path: '/api/segments/:id', params: idParams, status: 204, response: z.null() }),
  /** How many contacts a rule holds for now (saved or not): the page's live count. */
  count: route({
    method: 'POST',
    path: '/api/segments/count',
    body: z.object({ definition: segmentDefinitionSchema }),
    status: 200,
    response: z.object({ count: z.number().int() }),
  }),
};
