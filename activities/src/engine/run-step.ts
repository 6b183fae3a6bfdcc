import {
  byZone,
  deferQuietContacts,
  dueZones,
  inQuietHoursSql,
  knownTimeZones,
  loadWorkspaceSettings,
  moveSentPage,
  moveStepPage,
  routeOf,
  sql,
  webhookSigningKey,
  type StepPage,
} from '@herald/db';
import {
  cohortWaitOf,
  isValidTimeZone,
  ledgerCohortOf,
  nextWallTime,
  type LedgerCohort,
  type NodeOf,
  type Plan,
  type PlanNode,
  type SendData,
} from '@herald/engine';
import type { LoadedAccount } from '@herald/channels';
import type { StepCounts } from '@herald/engine/workflows';
import type { ActivityDeps } from '../deps';
import { deliver, type DeliverResult } from '../send/deliver';
import { runCohortPage } from './cohort-step';
import { stepVariants } from './experiment';
import type { RunContext } from './run-context';

/** The ledger cohort a pseudo step id (`cohortStepId`) names in a plan, or null. */
export function cohortAt(plan: Plan, stepId: string): LedgerCohort | null {
  const waitId = cohortWaitOf(stepId);
  const cohort = waitId === null ? null : ledgerCohortOf(plan);
  return cohort?.waitId === waitId ? cohort : null;
}

/** What one page of a step did, for the workflow's progress and the run's counters. */
export interface StepOutcome {
  /** Contacts the page read (its extent: a full page has more after it). */
  processed: number;
  /** Of those, contacts left waiting at a send for their employee's app-message rate (processed later). */
  waiting: number;
  moved: number;
  sent: number;
  failed: number;
  skipped: number;
  lastId: string | null;
  /** Pages recorded through the ledger (a send's or a webhook's), and of those, how many were recorded again. */
  sendPages: number;
  carefulPages: number;
  retryPages: number;
}

/** The total of no pages: what a step's sum starts from. */
export const noOutcome = (): StepOutcome => ({
  processed: 0,
  waiting: 0,
  moved: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  lastId: null,
  ...recordedBy(null),
});

/**
 * Adds one page's counts into a running total, in place, for every count the total keeps (a step's outcome keeps
 * `waiting` and `moved`, a run's counts do not); `lastId` is no count, each caller keeps its own.
 */
export function addCounts<T extends StepCounts>(total: T, page: StepCounts & Partial<StepOutcome>): T {
  const sums = total as unknown as Record<string, unknown>;
  const parts = page as unknown as Record<string, number | undefined>;
  for (const key of Object.keys(sums))
    if (typeof sums[key] === 'number') sums[key] = (sums[key] as number) + (parts[key] ?? 0);
  return total;
}

/** Webhook steps call the node's own URL, not a channel account: their ledger rows name this account id. */
export const webhookStepAccountId = '00000000-0000-0000-0000-000000000000';

const none = { sent: 0, failed: 0, skipped: 0, waiting: 0, ...recordedBy(null) };
const sqlTimezone = sql`c.timezone`;

/**
 * Runs one page of a step for the run's contacts due there now: a send or a webhook goes through the
 * delivery ledger (exactly once per arrival) and then moves the page on; every other step is one
 * set-based statement (`moveStepPage`).
 */
export async function runStepPage(
  deps: ActivityDeps,
  ctx: RunContext,
  page: Omit<StepPage, 'workspaceId' | 'runId' | 'journeyVersionId'>,
): Promise<StepOutcome> {
  const node = ctx.plan.nodes[page.nodeId];
  const cohort = node ? null : cohortAt(ctx.plan, page.nodeId);
  if (cohort) return runCohortPage(deps, ctx, cohort, page);
  if (!node) return { processed: 0, moved: 0, lastId: null, ...none };
  const full: StepPage = {
    ...page,
    workspaceId: ctx.workspaceId,
    runId: ctx.runId,
    journeyVersionId: ctx.journeyVersionId,
  };
  if (node.kind === 'send') return sendPage(deps, ctx, full, node.data as SendData);
  if (node.kind === 'webhook') return sendPage(deps, ctx, full, webhookSend(node), webhookAccount(deps, ctx, node));
  const zoneWake = node.kind === 'wait_until' ? await timeOfDayWake(deps, ctx, full, node) : undefined;
  const moved = await moveStepPage(
    deps.db,
    ctx.plan,
    full,
    routeOf(node, { workspaceId: ctx.workspaceId, journeyId: ctx.plan.journeyId, plan: ctx.plan }, page.now, zoneWake),
  );
  return { ...moved, ...none };
}

/**
 * A send step's page: contacts inside the journey's quiet hours wait for their end, those beyond their
 * employee's app-message rate for its next window (in `deliver`); the rest go through the ledger, then move on.
 */
async function sendPage(
  deps: ActivityDeps,
  ctx: RunContext,
  page: StepPage,
  send: SendData,
  account?: LoadedAccount,
): Promise<StepOutcome> {
  const quiet = ctx.plan.settings.quietHours;
  if (quiet) {
    const zones = await dueZones(deps.db, page);
    const wake: Record<string, string> = {};
    for (const zone of zones) {
      const effective = zone && isValidTimeZone(zone) ? zone : quiet.timezone;
      wake[zone] = new Date(nextWallTime(page.now.getTime(), quiet.end, effective)!).toISOString();
    }
    wake[''] ??= new Date(nextWallTime(page.now.getTime(), quiet.end, quiet.timezone)!).toISOString();
    const inQuiet = inQuietHoursSql(page.now, quiet, sqlTimezone, await knownTimeZones(deps.db));
    await deferQuietContacts(deps.db, page, inQuiet, byZone(wake));
  }
  const variants = await stepVariants(
    deps,
    { runId: ctx.runId, journeyId: ctx.plan.journeyId, nodeId: page.nodeId },
    send,
  );
  const result = await deliver(deps, {
    workspaceId: ctx.workspaceId,
    runId: ctx.runId,
    journeyVersionId: ctx.journeyVersionId,
    nodeId: page.nodeId,
    entrySeq: 0,
    send,
    page: {
      audience: { kind: 'all' },
      cursor: page.cursor,
      until: page.until,
      limit: page.limit,
      states: { runId: ctx.runId, nodeId: page.nodeId, now: page.now },
    },
    now: page.now,
    journey: { id: ctx.plan.journeyId, frequencyCap: ctx.plan.settings.frequencyCap },
    holdBack: true,
    ...(account ? { account } : {}),
    ...(variants ? { variants } : {}),
  });
  // Every contact the page recorded (sent, skipped or failed) moves on once its batch is settled.
  const moved = await moveSentPage(deps.db, ctx.plan, { ...page, until: page.until ?? result.lastId });
  return {
    processed: result.processed,
    waiting: result.waiting,
    moved: moved.moved,
    sent: result.sent,
    failed: result.failed,
    skipped: result.skipped,
    lastId: result.lastId,
    ...recordedBy(result),
  };
}

/** How many pages a step's page recorded through the ledger (none for `null`), and how. */
export function recordedBy(result: Pick<DeliverResult, 'recordedBy'> | null) {
  return {
    sendPages: result ? 1 : 0,
    carefulPages: result?.recordedBy === 'careful' ? 1 : 0,
    retryPages: result?.recordedBy === 'retry' ? 1 : 0,
  };
}

/** A webhook step as a send: one signed request per contact, through the ledger like any message. */
function webhookSend(node: PlanNode): SendData {
  const d = node.data as NodeOf<'webhook'>['data'];
  return {
    channelAccountId: webhookStepAccountId,
    channel: 'webhook',
    method: 'webhook_post',
    type: 'contacts',
    messages: [{ type: 'text', text: d.body }],
  } as SendData;
}

/** The webhook step's target, signed with the workspace's own key (derived from the instance key). */
function webhookAccount(deps: ActivityDeps, ctx: RunContext, node: PlanNode): LoadedAccount {
  const d = node.data as NodeOf<'webhook'>['data'];
  return {
    config: {
      id: webhookStepAccountId,
      kind: 'webhook',
      baseUrl: d.url,
      settings: { url: d.url, method: d.method, headers: d.headers },
      credentials: { secret: webhookSigningKey(deps.secretKey, ctx.workspaceId) },
    },
    overrides: {},
    quotaTimeZone: 'UTC',
  };
}

/**
 * A wait until a time of day: each due contact's wake-up at that time in their own zone (the
 * step's zone, or for "the contact's zone" the workspace's zone, then UTC, for contacts without a
 * known one), by zone; undefined for a wait until a date.
 */
async function timeOfDayWake(deps: ActivityDeps, ctx: RunContext, page: StepPage, node: PlanNode) {
  const d = node.data as NodeOf<'wait_until'>['data'];
  if (d.mode !== 'time_of_day') return undefined;
  const settings = await loadWorkspaceSettings(deps.db, ctx.workspaceId);
  const fallback = d.timezone !== 'contact' ? d.timezone : (settings.timezone ?? 'UTC');
  const wake: Record<string, string> = {};
  for (const zone of ['', ...(await dueZones(deps.db, page))]) {
    const effective = d.timezone === 'contact' && zone && isValidTimeZone(zone) ? zone : fallback;
    wake[zone] = new Date(nextWallTime(page.now.getTime(), d.time, effective)!).toISOString();
  }
  return byZone(wake);
}
