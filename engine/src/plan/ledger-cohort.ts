import { durationMs } from '../model/common.schema';
import { outputsOf } from '../model/outputs';
import type { Plan } from './plan.schema';

/**
 * A batch run whose first send is followed by a fixed wait keeps that wait as a **ledger cohort**: the send's
 * ledger rows are the contacts' state until the wait ends, and no state row is written for them. At the wait's
 * end the cohort's contacts are routed on (through splits and random splits) straight from those ledger rows:
 * those whose path ends at a send are sent on the way in, as an audience page is, those whose path ends at an
 * exit or the journey's end are done. A contact so costs its two ledger rows and nothing else (the batch journey
 * benchmark: a state insert at the wait, a move out of it and a move after the reminder, each more than the
 * ledger row itself, made the reminder step 15% of raw INSERT).
 */
export interface LedgerCohort {
  /** The batch run's first step, a send: its ledger rows (entry 0) are the cohort's members. */
  sendId: string;
  /** The wait after it, which the cohort keeps. */
  waitId: string;
  waitMs: number;
  /** The steps a member's path may end at (null: the journey ends): sends and exits only. */
  targets: Array<string | null>;
}

/**
 * Steps that only choose a branch: a row arriving there is routed on in the statement that moves it (the step moves'
 * paths in db/src/queries/journey-steps.ts, and a cohort's, which must agree with them).
 */
export const routingKinds: ReadonlySet<string> = new Set(['split', 'random_split']);
/** At most this many routing steps are chained into one statement (the rest wait for their own page). */
export const routeChainBudget = 8;

/** The pseudo step under which a run's due cohorts at `waitId` are moved (never a node id of its plan). */
export const cohortStepId = (waitId: string): string => `\u0000cohort:${waitId}`;

/** The wait of a cohort pseudo step (null: a plan's own step). */
export const cohortWaitOf = (stepId: string): string | null =>
  stepId.startsWith('\u0000cohort:') ? stepId.slice('\u0000cohort:'.length) : null;

/**
 * The ledger cohort a plan keeps, or null: a batch plan whose first step is a send without an experiment's
 * winner, followed by a wait of a fixed length, in a journey without a goal (goal events mark state rows) or
 * quiet hours (held contacts wait at the send as rows); from the wait every path, through at most eight routing
 * steps, ends at a send, an exit or the journey's end. Anything else runs as state rows, as before.
 */
export function ledgerCohortOf(plan: Plan): LedgerCohort | null {
  if (plan.mode !== 'batch' || !plan.entry) return null;
  const send = plan.nodes[plan.entry];
  if (send?.kind !== 'send' || send.data.winner) return null;
  if (plan.settings.goalEvent || plan.settings.quietHours) return null;
  const waitId = send.next.out ?? null;
  const wait = waitId === null ? undefined : plan.nodes[waitId];
  if (!wait || wait.kind !== 'wait') return null;
  const targets = new Set<string | null>();
  // One budget for the whole expansion, spent in the order the statement spends it (pathTo in journey-steps.ts):
  // a path whose routing step is past it would stop at that step, which a cohort cannot hold.
  const budget = { left: routeChainBudget };
  const walk = (id: string | null): boolean => {
    const node = id === null ? undefined : plan.nodes[id];
    if (id === null || node?.kind === 'send' || node?.kind === 'exit') {
      // A send that is the cohort's own first send again (a loop) would meet its own ledger key: not kept.
      if (id === send.id) return false;
      targets.add(id);
      return true;
    }
    if (!node || !routingKinds.has(node.kind) || budget.left <= 0) return false;
    budget.left -= 1;
    // Its outputs in the order the step's statement decides them (the canvas's order).
    return outputsOf(node).every((o) => walk(node.next[o] ?? null));
  };
  if (!walk(wait.next.out ?? null)) return null;
  return { sendId: send.id, waitId: wait.id, waitMs: durationMs(wait.data.duration), targets: [...targets] };
}
