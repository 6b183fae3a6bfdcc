import {
  and,
  desc,
  eq,
  inArray,
  isNull,
  channelAccounts,
  journeyVersions,
  journeys,
  runs,
  type HeraldDb,
} from '@herald/db';
import { broadcastPageSize, compileJourney, journeyGraphSchema, type MethodId, type Plan } from '@herald/engine';
import { HeraldError } from '../errors/herald-error';
import type { AppDeps } from '../deps';
import { runWorkflowId } from '@herald/engine/workflows';
import { signalSchedule, startRun, startSchedule, wakeRun } from './workflows.service';
import { checkTemplateLimit } from './template-limit.service';

export interface Published {
  versionId: string;
  version: number;
  /** The run this version opened (null for a repeating schedule: each occurrence opens its own). */
  runId: string | null;
  plan: Plan;
}

/** Whether a plan repeats on a schedule. */
const isRecurring = (plan: Plan): boolean =>
  plan.trigger.kind === 'schedule' && (plan.trigger.data as { mode: string }).mode === 'recurring';

/** A run's page: a first send's (at least one provider call's batch, see broadcastPageSize), else 2,500 contacts. */
export function runPageSize(plan: Plan): number {
  const first = plan.entry ? plan.nodes[plan.entry] : undefined;
  return first?.kind === 'send' ? broadcastPageSize((first.data as { method: MethodId }).method) : 2500;
}

/** The journey's versions, as a subquery (its earlier real-time runs close when a new one is live). */
const olderVersions = (db: HeraldDb, journeyId: string) =>
  db.select({ id: journeyVersions.id }).from(journeyVersions).where(eq(journeyVersions.journeyId, journeyId));

/**
 * Compiles a journey's draft into a new immutable version and opens its run, in one transaction.
 * Invalid graphs get a 422 with the engine's issue list and nothing is written. The run's workflow
 * starts at once (a batch run waits for its send time; a real-time run for entries); a repeating
 * schedule starts (or reschedules) its schedule workflow, which opens a run per occurrence.
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
    const accountNames = new Map(
      uuids.length === 0
        ? []
        : (
            await tx
              .select({ id: channelAccounts.id, name: channelAccounts.name })
              .from(channelAccounts)
              .where(and(eq(channelAccounts.workspaceId, workspaceId), inArray(channelAccounts.id, uuids)))
          ).map((r) => [r.id, r.name] as const),
    );
    const owned = new Set(accountNames.keys());
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
    await checkTemplateLimit(tx, workspaceId, journeyId, graph.data, (id) => `"${accountNames.get(id) ?? id}"`);
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
        `The journey has ${compiled.issues.filter((i) => i.severity === 'error').length} problem(s) to fix ` +
          'before it can be published.',
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
    // A repeating schedule opens a run per occurrence; anything else runs this version in one run.
    // A real-time journey's earlier run takes no new entries: its contacts finish on their version.
    const recurring = isRecurring(compiled.plan);
    const closed = await tx
      .update(runs)
      .set({ closedAt: now, updatedAt: now })
      .where(
        and(
          inArray(runs.journeyVersionId, olderVersions(tx, journeyId)),
          eq(runs.kind, 'journey'),
          isNull(runs.closedAt),
        ),
      )
      .returning({ id: runs.id, workspaceId: runs.workspaceId, journeyVersionId: runs.journeyVersionId });
    const [run] = recurring
      ? [null]
      : await tx
          .insert(runs)
          .values({
            workspaceId,
            journeyVersionId: row!.id,
            broadcastId: options.broadcastId ?? null,
            kind: compiled.plan.mode === 'batch' ? 'broadcast' : 'journey',
            status: compiled.plan.mode === 'batch' ? 'pending' : 'running',
          })
          .returning();
    if (run)
      await tx
        .update(runs)
        .set({ workflowId: runWorkflowId(run.id) })
        .where(eq(runs.id, run.id));
    await tx
      .update(journeys)
      .set({ status: 'active', currentVersionId: row!.id, updatedBy: memberId, updatedAt: new Date() })
      .where(eq(journeys.id, journeyId));
    return { versionId: row!.id, version, runId: run?.id ?? null, plan: compiled.plan, closed };
  });

  // A real-time run starts with its first entry (the drainer wakes it); a batch run starts now and
  // waits for its send time. Closed runs are woken to notice it and end once their contacts are through.
  for (const c of published.closed)
    await wakeRun(deps, {
      workspaceId: c.workspaceId,
      runId: c.id,
      journeyVersionId: c.journeyVersionId,
      mode: 'realtime',
    }).catch(() => {});
  if (published.runId && published.plan.mode === 'batch') {
    const trigger = published.plan.trigger;
    const scheduledAt =
      trigger.kind === 'schedule' && (trigger.data as { mode: string; at?: string }).mode === 'once'
        ? new Date((trigger.data as { at: string }).at)
        : undefined;
    const sendAt = options.sendAt ?? scheduledAt;
    await startRun(deps, {
      workspaceId,
      runId: published.runId,
      journeyVersionId: published.versionId,
      mode: published.plan.mode,
      pageSize: runPageSize(published.plan),
      ...(sendAt ? { sendAt: sendAt.getTime() } : {}),
    });
  }
  if (isRecurring(published.plan)) await startSchedule(deps, { workspaceId, journeyId });
  else await signalSchedule(deps, journeyId, 'cancel').catch(() => {});
  return { versionId: published.versionId, version: published.version, runId: published.runId, plan: published.plan };
}
