import type { HeraldActivities } from '@herald/engine/workflows';
import type { ActivityDeps } from '../deps';
import { heartbeating } from '../send/heartbeating';
import { advanceRun } from './advance-run';
import { decideExperiment } from './experiment';
import { runContext } from './run-context';
import { enterRange, openRun, planEntryRanges } from './run-entry';
import { runStepPage } from './run-step';
import { openOccurrence, scheduleNext } from './schedule';

type EngineActivities = Pick<
  HeraldActivities,
  | 'openRun'
  | 'planEntryRanges'
  | 'enterRange'
  | 'decideExperiment'
  | 'advanceRun'
  | 'runStepRange'
  | 'scheduleNext'
  | 'openOccurrence'
>;

/**
 * The set-based engine's activities: runs open, audiences enter, steps move pages of contacts, schedules open
 * occurrences.
 */
export function engineActivities(deps: ActivityDeps): EngineActivities {
  return {
    openRun: (input) => openRun(deps, input),
    planEntryRanges: (input) => planEntryRanges(deps, input),
    enterRange: (input) => heartbeating(() => enterRange(deps, input)),
    decideExperiment: (input) => decideExperiment(deps, input),
    advanceRun: (input) => heartbeating(() => advanceRun(deps, input)),
    runStepRange: (input) =>
      heartbeating(async () => {
        const ctx = await runContext(deps, input.runId);
        const page = await runStepPage(deps, ctx, {
          nodeId: input.nodeId,
          cursor: input.cursor,
          until: input.until,
          limit: input.pageSize,
          now: new Date(input.now),
        });
        const full = page.processed >= input.pageSize && page.lastId !== null && page.lastId !== input.until;
        return { ...page, processed: page.processed - page.waiting, nextCursor: full ? page.lastId : null };
      }),
    scheduleNext: (input) => scheduleNext(deps, input),
    openOccurrence: (input) => openOccurrence(deps, input),
  };
}
