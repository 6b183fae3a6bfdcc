import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountsById,
  segmentsById,
  approvalOf,
  insertJourney,
  listJourneys,
  renameJourney,
  saveJourneyDraft,
  setJourneyStatus,
} from '@herald/db';
import { accountIssueCodes, emptyGraph, segmentIssueCodes, validateJourneyInput } from '@herald/engine';
import type { AppDeps } from '../deps';
import { cannotTransition, HeraldError } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, heldForApproval, journeyRoutes as contract, publishedJourney } from '../contracts/index';
import { journeyListItem, loadJourney } from '../services/journeys.service';
import { publishJourney } from '../services/publish.service';
import { publishGate, toApprovalItem } from '../services/approvals.service';
import { applyJourneyStatus, migrateJourney } from '../services/journey-lifecycle.service';
import { serve } from './contract-route';

/** /api/journeys: drafts, validation, publishing into immutable versions, pause/resume/archive, migration. */
export const journeyRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const load = (workspaceId: string, id: string) => loadJourney(db, workspaceId, id);

  serve(app, contract.list, { permission: 'read', tag: 'journeys' }, async (request) => {
    const caller = requireCaller(request);
    const rows = await listJourneys(db, { workspaceId: caller.workspaceId, limit: 200 });
    return { items: rows.map(journeyListItem) };
  });

  serve(app, contract.create, { permission: 'write', tag: 'journeys' }, async (request, reply) => {
    const caller = requireCaller(request);
    const id = await insertJourney(db, {
      workspaceId: caller.workspaceId,
      name: request.body.name,
      graph: request.body.graph ?? emptyGraph(),
      memberId: caller.memberId,
    });
    return reply.status(201).send(await load(caller.workspaceId, id));
  });

  serve(app, contract.get, { permission: 'read', tag: 'journeys' }, async (request) =>
    load(requireCaller(request).workspaceId, request.params.id),
  );

  serve(app, contract.rename, { permission: 'write', tag: 'journeys' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    await renameJourney(db, { id: request.params.id, name: request.body.name, memberId: caller.memberId });
    return load(caller.workspaceId, request.params.id);
  });

  serve(app, contract.saveGraph, { permission: 'write', tag: 'journeys' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    const { graph, name } = request.body;
    await saveJourneyDraft(db, { id: request.params.id, graph, name, memberId: caller.memberId });
    return load(caller.workspaceId, request.params.id);
  });

  serve(app, contract.validate, { permission: 'read', tag: 'journeys' }, async (request) => {
    const journey = await load(requireCaller(request).workspaceId, request.params.id);
    return { issues: validateJourneyInput(journey.graph, { now: deps.now?.() ?? new Date() }).issues };
  });

  app.post(
    contract.publish.path,
    {
      config: { permission: 'write' },
      schema: {
        tags: ['journeys'],
        params: contract.publish.params,
        description:
          "Publishes the draft as a new version. A marketer's publish in a workspace whose approval rule asks for " +
          'it answers 202 with the approval request instead: nothing runs until an admin approves.',
        response: { 200: publishedJourney, 202: heldForApproval, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const journey = await load(caller.workspaceId, request.params.id);
      // Checked here with the workspace's accounts too (they must be this workspace's, enabled and of the right
      // kind: a follow trigger on a WeCom account would wait for followers it can never have), every problem listed.
      const accounts = await accountsById(db, caller.workspaceId);
      const segments = await segmentsById(db, caller.workspaceId);
      const now = deps.now?.() ?? new Date();
      const problems = validateJourneyInput(journey.graph, { now, accounts, segments }).issues.filter(
        (i) => i.severity === 'error',
      );
      const invalid = () =>
        HeraldError.of('HERALD_ERR_JOURNEY_INVALID', { what: 'journey', count: problems.length }, { issues: problems });
      if (problems.some((i) => accountIssueCodes.includes(i.code) || segmentIssueCodes.includes(i.code)))
        throw invalid();
      const held = await publishGate(deps, caller).holdJourney(journey.id, () => {
        if (problems.length > 0) throw invalid();
      });
      if (held) {
        request.auditNote = { action: 'publish_requested', detail: { approvalId: held } };
        const approval = await approvalOf(db, { workspaceId: caller.workspaceId, id: held });
        return reply.status(202).send({ approval: toApprovalItem(approval!) });
      }
      const published = await publishJourney(deps, caller.workspaceId, request.params.id, caller.memberId);
      return { versionId: published.versionId, version: published.version, mode: published.plan.mode };
    },
  );

  for (const action of ['pause', 'resume', 'archive'] as const) {
    serve(app, contract[action], { permission: 'write', tag: 'journeys' }, async (request) => {
      const caller = requireCaller(request);
      const journey = await load(caller.workspaceId, request.params.id);
      const allowed = { pause: ['active'], resume: ['paused'], archive: ['draft', 'active', 'paused'] }[action];
      if (!allowed.includes(journey.status)) throw cannotTransition(journey.status, 'journey', action);
      const status = { pause: 'paused', resume: 'active', archive: 'archived' }[action] as
        'paused' | 'active' | 'archived';
      await setJourneyStatus(db, { id: request.params.id, status, memberId: caller.memberId });
      await applyJourneyStatus(deps, request.params.id, action);
      return load(caller.workspaceId, request.params.id);
    });
  }

  serve(app, contract.migrate, { permission: 'write', tag: 'journeys' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    return migrateJourney(deps, caller.workspaceId, request.params.id, request.body.dryRun);
  });
};
