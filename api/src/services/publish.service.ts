import { and, desc, eq, inArray, channelAccounts, journeyVersions, journeys, runs, type HeraldDb } from '@herald/db';
import { broadcastPageSize, compileJourney, journeyGraphSchema, type MethodId, type Plan } from '@herald/engine';
import { HeraldError } from '../errors/herald-error';
import type { AppDeps } from '../deps';
import { startBroadcast } from './workflows.service';

export interface Published {
  versionId: string;
  version: number;
  runId: string;
  plan: Plan;
}

/**
 * Compiles a journey's draft into a new immutable version and opens its run, in one transaction.
 * Invalid graphs get a 422 with the engine's issue list and nothing is written. A batch journey's
 * run starts its broadcast workflow; a real-time journey's run waits for events.
 */
export async function publishJourney(
  deps: AppDeps,
  workspaceId: string,
  journeyId: string,
  memberId: string | null,
  options: { sendAt?: Date; broadcastId?: string } = {},
): Promise<Published> {
  const db: HeraldDb = deps.db;
  const now = deps.now?.() ?? new Date();
  const published = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const [journey] = await tx
      .select()
      .from(journeys)
      .where(and(eq(journeys.id, journeyId), eq(journeys.workspaceId, workspaceId)))
      .for('update');
    if (!journey) throw new HeraldError('HERALD_ERR_NOT_FOUND', 404, 'The journey was not found.');
    if (journey.status === 'archived')
      throw new HeraldError('HERALD_ERR_INVALID_STATE', 409, 'An archived journey cannot be published.');
    const graph = journeyGraphSchema.safeParse(journey.draftGraph);
    if (!graph.success)
      throw new HeraldError('HERALD_ERR_JOURNEY_INVALID', 422, 'The journey is not a valid graph.', {
        issues: [
          { code: 'HERALD_ERR_INVALID_GRAPH', severity: 'error', message: graph.error.issues[0]?.message ?? 'invalid' },
        ],
      });
    // A send may only use this workspace's channel accounts (their credentials are what it sends with).
    const used = [
      ...new Set(
        graph.data.nodes.flatMap((n) =>
          n.kind === 'send' ? [String((n.data as { channelAccountId?: unknown }).channelAccountId)] : [],
        ),
      ),
    ];
    const uuids = used.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    const owned = new Set(
      uuids.length === 0
        ? []
        : (
            await tx
              .select({ id: channelAccounts.id })
              .from(channelAccounts)
              .where(and(eq(channelAccounts.workspaceId, workspaceId), inArray(channelAccounts.id, uuids)))
          ).map((r) => r.id),
    );
    const foreign = used.filter((id) => !owned.has(id));
    if (foreign.length > 0)
      throw new HeraldError(
        'HERALD_ERR_JOURNEY_INVALID',
        422,
        'A message step uses a channel account this workspace does not have.',
        {
          issues: foreign.map((id) => ({
            code: 'HERALD_ERR_ACCOUNT_NOT_FOUND',
            severity: 'error',
            message: `No channel account ${id} in this workspace.`,
          })),
        },
      );
    const [last] = await tx
      .select({ version: journeyVersions.version })
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, journeyId))
      .orderBy(desc(journeyVersions.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    const compiled = compileJourney(graph.data, { journeyId, version, now });
    if (!compiled.ok) {
      throw new HeraldError(
        'HERALD_ERR_JOURNEY_INVALID',
        422,
        `The journey has ${compiled.issues.filter((i) => i.severity === 'error').length} problem(s) to fix before it can be published.`,
        { issues: compiled.issues },
      );
    }
    const [row] = await tx
      .insert(journeyVersions)
      .values({
        workspaceId,
        journeyId,
        version,
        graph: graph.data,
        plan: compiled.plan,
        planSchemaVersion: compiled.plan.schemaVersion,
        publishedBy: memberId,
      })
      .returning();
    const [run] = await tx
      .insert(runs)
      .values({
        workspaceId,
        journeyVersionId: row!.id,
        broadcastId: options.broadcastId ?? null,
        kind: compiled.plan.mode === 'batch' ? 'broadcast' : 'journey',
        status: compiled.plan.mode === 'batch' ? 'pending' : 'running',
        workflowId: null,
      })
      .returning();
    await tx
      .update(journeys)
      .set({ status: 'active', currentVersionId: row!.id, updatedBy: memberId, updatedAt: new Date() })
      .where(eq(journeys.id, journeyId));
    return { versionId: row!.id, version, runId: run!.id, plan: compiled.plan };
  });

  if (published.plan.mode === 'batch') {
    const sendNode = Object.values(published.plan.nodes).find((n) => n.kind === 'send');
    if (sendNode) {
      const trigger = published.plan.trigger;
      const scheduledAt =
        trigger.kind === 'schedule' && (trigger.data as { mode: string; at?: string }).mode === 'once'
          ? new Date((trigger.data as { at: string }).at)
          : undefined;
      const sendAt = options.sendAt ?? scheduledAt;
      const workflowId = await startBroadcast(deps, {
        workspaceId,
        runId: published.runId,
        journeyVersionId: published.versionId,
        nodeId: sendNode.id,
        pageSize: broadcastPageSize((sendNode.data as { method: MethodId }).method),
        ...(sendAt ? { sendAt: sendAt.getTime() } : {}),
      });
      await db.update(runs).set({ workflowId }).where(eq(runs.id, published.runId));
    }
  }
  return published;
}
