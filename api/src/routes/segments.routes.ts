import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  countSegment,
  createSegment,
  deleteSegment,
  isUniqueViolation,
  journeysUsingSegment,
  listSegments,
  segmentOf,
  updateSegment,
} from '@herald/db';
import { conditionCount, type SegmentDefinition } from '@herald/engine';
import type { AppDeps } from '../deps';
import { errors, segmentRoutes as contract } from '../contracts/index';
import { HeraldError } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { serve } from './contract-route';

/** A segment with no condition would hold nobody (or, read carelessly, everyone): refused. */
function nonEmpty(definition: SegmentDefinition): SegmentDefinition {
  if (conditionCount(definition) === 0) throw HeraldError.of('HERALD_ERR_SEGMENT_EMPTY', {});
  return definition;
}

/** Saves, translating a second segment of the same name into its own code. */
async function named<T>(name: string, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isUniqueViolation(error)) throw HeraldError.of('HERALD_ERR_SEGMENT_NAME_TAKEN', { name });
    throw error;
  }
}

const notFound = () => HeraldError.of('HERALD_ERR_SEGMENT_NOT_FOUND', { what: 'This request' });

/** /api/segments: list, read, save, delete saved segments, and count who a rule holds for now. */
export const segmentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const tags = ['segments'];

  app.get(
    contract.list.path,
    { config: { permission: 'read' }, schema: { tags, response: { 200: contract.list.response, ...errors } } },
    async (request) => ({
      segments: await listSegments(db, requireCaller(request).workspaceId),
    }),
  );

  serve(app, contract.get, { permission: 'read', tag: 'segments' }, async (request) => {
    const row = await segmentOf(db, { workspaceId: requireCaller(request).workspaceId, id: request.params.id });
    if (!row) throw notFound();
    return row;
  });

  serve(app, contract.create, { permission: 'write', tag: 'segments' }, async (request, reply) => {
    const { workspaceId } = requireCaller(request);
    const { name } = request.body;
    const definition = nonEmpty(request.body.definition);
    const row = await named(name, () => createSegment(db, { workspaceId, name, definition }));
    return reply.status(201).send(row);
  });

  serve(app, contract.update, { permission: 'write', tag: 'segments' }, async (request) => {
    const { workspaceId } = requireCaller(request);
    const { name } = request.body;
    const definition = nonEmpty(request.body.definition);
    const row = await named(name, () => updateSegment(db, { workspaceId, id: request.params.id, name, definition }));
    if (!row) throw notFound();
    return row;
  });

  serve(app, contract.remove, { permission: 'write', tag: 'segments' }, async (request, reply) => {
    const { workspaceId } = requireCaller(request);
    const users = await journeysUsingSegment(db, { workspaceId, id: request.params.id });
    if (users.length > 0)
      throw HeraldError.of('HERALD_ERR_SEGMENT_IN_USE', { names: users.map((n) => `"${n}"`).join(', ') });
    if (!(await deleteSegment(db, { workspaceId, id: request.params.id }))) throw notFound();
    return reply.status(204).send(null);
  });

  serve(app, contract.count, { permission: 'read', tag: 'segments' }, async (request) => ({
    count: await countSegment(db, {
      workspaceId: requireCaller(request).workspaceId,
      rule: nonEmpty(request.body.definition),
    }),
  }));
};
