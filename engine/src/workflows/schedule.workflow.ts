import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  condition,
  continueAsNew,
  defineSignal,
  proxyActivities,
  setHandler,
  executeChild,
} from '@temporalio/workflow';
import type { HeraldActivities } from './activities.contract';
import { journeyRunWorkflow, runWorkflowId } from './run.workflow';
import { cancelSignal, pauseSignal, resumeSignal } from './signals';

export interface ScheduleInput {
  workspaceId: string;
  journeyId: string;
  /** The last occurrence (ms): the next is the first after it. Absent: from now. */
  after?: number;
  paused?: boolean;
  pageSize?: number;
  concurrency?: number;
}

/** The workflow id of a journey's repeating schedule (one per journey, whatever its version). */
export const scheduleWorkflowId = (journeyId: string): string => `schedule/${journeyId}`;

/** A new version was published (its time may differ): work out the next occurrence again. */
export const rescheduleSignal = defineSignal('reschedule');

const { scheduleNext, openOccurrence } = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '30 seconds' },
});

/**
 * A journey's repeating schedule: sleeps until the next occurrence of the live version's rule (in
 * its zone; see `nextOccurrence`), opens that occurrence's run — its own audience, stats and
 * workflow (`journeyRunWorkflow`, as a child it waits for) — and continues as new for the next one.
 * Paused, it lets occurrences pass without a run; canceled (archived, or no longer repeating), it
 * ends. A durable timer in a workflow rather than a Temporal Schedule: the time-skipping test server
 * has no Schedules, and this one is tested there firing occurrence after occurrence.
 */
export async function journeyScheduleWorkflow(input: ScheduleInput): Promise<void> {
  let paused = input.paused ?? false;
  let canceled = false;
  let rescheduled = false;
  setHandler(pauseSignal, () => void (paused = true));
  setHandler(resumeSignal, () => void (paused = false));
  setHandler(cancelSignal, () => void (canceled = true));
  setHandler(rescheduleSignal, () => void (rescheduled = true));

  for (;;) {
    rescheduled = false;
    const { at } = await scheduleNext({ journeyId: input.journeyId, after: input.after ?? Date.now() });
    if (at === null || canceled) return;
    await condition(() => canceled || rescheduled, Math.max(at - Date.now(), 1));
    if (canceled) {
      await scheduleNext({ journeyId: input.journeyId, after: null });
      return;
    }
    if (rescheduled) continue;
    if (!paused) {
      const run = await openOccurrence({ journeyId: input.journeyId, occurrenceAt: at });
      if (run) {
        // The occurrence runs to its end before the next is planned: occurrences never overlap, and
        // ones that fall while a long occurrence still runs are skipped (as Temporal Schedules' default).
        await executeChild(journeyRunWorkflow, {
          workflowId: runWorkflowId(run.runId),
          args: [
            {
              workspaceId: input.workspaceId,
              runId: run.runId,
              journeyVersionId: run.journeyVersionId,
              mode: 'batch',
              ...(input.pageSize ? { pageSize: input.pageSize } : {}),
              ...(input.concurrency ? { concurrency: input.concurrency } : {}),
            },
          ],
          parentClosePolicy: ParentClosePolicy.TERMINATE,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
      }
    }
    await continueAsNew<typeof journeyScheduleWorkflow>({ ...input, after: Math.max(at, Date.now()), paused });
  }
}
