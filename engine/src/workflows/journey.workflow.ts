import {
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { parsePlan } from '../plan/parse-plan';
import type { Plan, PlanNode } from '../plan/plan.schema';
import type { NodeKind, NodeOf } from '../model/node.schema';
import { durationMs } from '../model/common.schema';
import { matchesFilters } from '../model/property-filter';
import { msUntilQuietHoursEnd, msUntilTimeOfDay } from '../model/time';
import type { HeraldActivities } from './activities.contract';
import {
  contactEventSignal,
  entrySignal,
  journeyStateQuery,
  type ContactEvent,
  type EntrySignal,
  type JourneyState,
} from './signals';

export interface JourneyInput {
  workspaceId: string;
  journeyVersionId: string;
  runId: string;
  contactId: string;
  entry: EntrySignal;
}

const remote = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
// A journey's send is one contact's message: a local activity too, so an entry costs about what a
// bare workflow does on the server. Its ledger row is written before the provider call and the
// provider's dedup key is stable, so a send re-run after a lost workflow task sends nothing twice.
const sends = proxyLocalActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
// Short database steps run as local activities: in the worker that runs the workflow task, with
// no round trip through the server each (a follow → send entry went from 4 activity tasks and
// ~9 workflow tasks to 1 and 2). Provider calls and actions stay regular activities: they may
// wait on rate limits and retry for long, and any worker may take them.
const local = proxyLocalActivities<HeraldActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});
const acts = {
  loadPlan: local.loadPlan,
  recordVisit: local.recordVisit,
  evaluateCondition: local.evaluateCondition,
  sendToContact: sends.sendToContact,
  runAction: remote.runAction,
};

/** A plan node's settings as its kind's type (the plan was validated when it was compiled). */
const dataOf = <K extends NodeKind>(node: PlanNode, _kind: K): NodeOf<K>['data'] => node.data as NodeOf<K>['data'];

/** The workflow id of one contact in one journey: a second event finds the running one. */
export const journeyWorkflowId = (workspaceId: string, journeyId: string, contactId: string): string =>
  `journey/${workspaceId}/${journeyId}/${contactId}`;

/**
 * Walks one contact through a compiled plan: durable timers for waits, signals for events,
 * activities (with the workflow clock) for splits, sends and actions. Any plan, no codegen.
 */
export async function journeyWorkflow(input: JourneyInput): Promise<JourneyState> {
  const state: JourneyState = { nodeId: null, status: 'running' };
  const events: ContactEvent[] = [];
  const reentries: EntrySignal[] = [];
  let goalReached = false;
  const ctx: { goalEvent?: string } = {};
  setHandler(journeyStateQuery, () => ({ ...state }));
  setHandler(entrySignal, (entry) => {
    if (entry.entrySeq !== input.entry.entrySeq) reentries.push(entry);
  });
  setHandler(contactEventSignal, (event) => {
    if (ctx.goalEvent !== undefined && event.name === ctx.goalEvent) goalReached = true;
    events.push(event);
  });

  const plan = parsePlan(await acts.loadPlan({ journeyVersionId: input.journeyVersionId }));
  ctx.goalEvent = plan.settings.goalEvent;
  // A goal event that arrived while the plan was loading still counts.
  if (ctx.goalEvent !== undefined && events.some((e) => e.name === ctx.goalEvent)) goalReached = true;
  const base = { workspaceId: input.workspaceId, journeyVersionId: input.journeyVersionId };
  let entry = input.entry;

  for (;;) {
    await walk(plan, entry);
    if (state.status === 'exited' || plan.settings.reentry.mode !== 'always' || reentries.length === 0) break;
    entry = reentries.shift()!;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof journeyWorkflow>({ ...input, entry });
  }
  return state;

  async function waitFor(ms: number): Promise<void> {
    if (ms > 0) await condition(() => goalReached, ms);
  }

  async function walk(p: Plan, current: EntrySignal): Promise<void> {
    const step = { ...base, runId: input.runId, contactId: input.contactId, entrySeq: current.entrySeq };
    await acts.recordVisit({ ...base, nodeId: p.trigger.id, status: 'entered' });
    let nodeId = p.entry;
    while (nodeId && !goalReached) {
      const node = p.nodes[nodeId];
      if (!node) throw new Error(`plan has no node ${nodeId}`);
      state.nodeId = nodeId;
      await acts.recordVisit({ ...base, nodeId, status: 'entered' });
      let output = 'out';
      switch (node.kind) {
        case 'wait':
        case 'wait_until': {
          const ms = node.kind === 'wait' ? durationMs(dataOf(node, 'wait').duration) : untilMs(node);
          state.status = 'waiting';
          await acts.recordVisit({ ...base, nodeId, status: 'waiting' });
          await waitFor(ms);
          await acts.recordVisit({ ...base, nodeId, status: 'left' });
          state.status = 'running';
          break;
        }
        case 'wait_for_event': {
          const d = dataOf(node, 'wait_for_event');
          const seen = events.length;
          const match = () =>
            events.slice(seen).some((e) => e.name === d.eventName && matchesFilters(e.properties, d.filters));
          state.status = 'waiting';
          await acts.recordVisit({ ...base, nodeId, status: 'waiting' });
          const got = await condition(() => match() || goalReached, durationMs(d.timeout));
          await acts.recordVisit({ ...base, nodeId, status: 'left' });
          state.status = 'running';
          output = got && match() ? 'event' : 'timeout';
          break;
        }
        case 'split': {
          const d = dataOf(node, 'split');
          if (d.mode === 'yes_no') {
            output = (await acts.evaluateCondition({
              workspaceId: input.workspaceId,
              contactId: input.contactId,
              condition: d.condition,
              now: Date.now(),
            }))
              ? 'yes'
              : 'no';
          } else {
            output = 'else';
            for (const branch of d.branches) {
              if (
                await acts.evaluateCondition({
                  workspaceId: input.workspaceId,
                  contactId: input.contactId,
                  condition: branch.condition,
                  now: Date.now(),
                })
              ) {
                output = branch.id;
                break;
              }
            }
          }
          break;
        }
        case 'random_split': {
          const d = dataOf(node, 'random_split');
          let roll = Math.random() * 100; // seeded and replay-safe inside a workflow
          output = d.branches[d.branches.length - 1]!.id;
          for (const branch of d.branches) {
            if ((roll -= branch.percent) < 0) {
              output = branch.id;
              break;
            }
          }
          break;
        }
        case 'send':
          await waitFor(msUntilQuietHoursEnd(new Date(), p.settings.quietHours));
          if (goalReached) break;
          await acts.sendToContact({ ...step, nodeId, now: Date.now() });
          break;
        case 'tag':
        case 'update_contact':
        case 'webhook':
          await acts.runAction({ ...step, nodeId, now: Date.now() });
          break;
        case 'exit':
          state.status = 'exited';
          return;
      }
      nodeId = node.next[output] ?? null;
    }
    state.nodeId = null;
    state.status = goalReached ? 'exited' : 'done';
  }
}

function untilMs(node: PlanNode): number {
  const d = dataOf(node, 'wait_until');
  const now = new Date();
  if (d.mode === 'datetime') return new Date(d.at).getTime() - now.getTime();
  return msUntilTimeOfDay(now, d.time, d.timezone === 'contact' ? 'UTC' : d.timezone);
}
