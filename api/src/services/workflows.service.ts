import { WorkflowIdReusePolicy, type SignalDefinition } from '@temporalio/client';
import {
  cancelSignal,
  contactEventSignal,
  journeyRunWorkflow,
  journeyScheduleWorkflow,
  journeyWorkflowId,
  pauseSignal,
  rescheduleSignal,
  resumeSignal,
  runWorkflowId,
  scheduleWorkflowId,
  wakeSignal,
  type ContactEvent,
  type RunInput,
} from '@herald/engine/workflows';
import { HeraldError } from '../errors/herald-error';
import type { AppDeps } from '../deps';

/** Temporal is not configured or not reachable: 503, try again. */
export const temporalUnavailable = () =>
  HeraldError.of('HERALD_ERR_TEMPORAL_UNAVAILABLE', { problem: 'is not reachable' });

const temporalOf = (deps: AppDeps) => {
  if (!deps.temporal) throw temporalUnavailable();
  return deps.temporal;
};

/** The signal of each thing a marketer can do to a running run or schedule. */
const lifecycleSignals = { pause: pauseSignal, resume: resumeSignal, cancel: cancelSignal } as const;

/** Starts a run's workflow (idempotent on the run id); returns its workflow id. */
export async function startRun(deps: AppDeps, input: RunInput): Promise<string> {
  const temporal = temporalOf(deps);
  const workflowId = runWorkflowId(input.runId);
  await temporal.client.workflow
    .start(journeyRunWorkflow, {
      taskQueue: temporal.taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    })
    .catch((error: unknown) => {
      if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    });
  return workflowId;
}

/**
 * Tells a real-time run that entries or events are waiting (one signal per run per batch, never per
 * contact); starts its workflow if it is not running.
 */
export async function wakeRun(deps: AppDeps, input: RunInput): Promise<void> {
  await signalWithStart(deps, journeyRunWorkflow, runWorkflowId(input.runId), input, wakeSignal);
}

/** Sends pause / resume / cancel to a run's workflow (the first engine's `broadcast/{runId}` for older runs). */
export async function signalRun(
  deps: AppDeps,
  run: { id: string; workflowId: string | null },
  action: 'pause' | 'resume' | 'cancel',
): Promise<void> {
  const handle = temporalOf(deps).client.workflow.getHandle(run.workflowId ?? `broadcast/${run.id}`);
  await handle.signal(lifecycleSignals[action]);
}

/** Starts a journey's repeating schedule, or tells the running one that a new version is live. */
export async function startSchedule(deps: AppDeps, input: { workspaceId: string; journeyId: string }): Promise<void> {
  await signalWithStart(deps, journeyScheduleWorkflow, scheduleWorkflowId(input.journeyId), input, rescheduleSignal);
}

/** Signals a workflow of one input, starting it with `input` first when it is not running. */
async function signalWithStart<I>(
  deps: AppDeps,
  workflow: (input: I) => Promise<unknown>,
  workflowId: string,
  input: I,
  signal: SignalDefinition<[]>,
): Promise<void> {
  const temporal = temporalOf(deps);
  await temporal.client.workflow.signalWithStart(workflow, {
    taskQueue: temporal.taskQueue,
    workflowId,
    args: [input],
    signal,
    signalArgs: [],
  });
}

/** Pauses, resumes or ends a journey's repeating schedule; nothing when it has none. */
export async function signalSchedule(
  deps: AppDeps,
  journeyId: string,
  action: 'pause' | 'resume' | 'cancel',
): Promise<void> {
  const handle = temporalOf(deps).client.workflow.getHandle(scheduleWorkflowId(journeyId));
  await handle.signal(lifecycleSignals[action]).catch((error: unknown) => {
    if ((error as Error).name !== 'WorkflowNotFoundError') throw error;
  });
}

/**
 * An event for a contact inside a per-contact workflow of the first engine (journeys entered before
 * the set-based engine): delivered while such workflows still run.
 */
export async function signalLegacyJourney(
  deps: AppDeps,
  ids: { workspaceId: string; journeyId: string; contactId: string },
  event: ContactEvent,
): Promise<void> {
  await temporalOf(deps)
    .client.workflow.getHandle(journeyWorkflowId(ids.workspaceId, ids.journeyId, ids.contactId))
    .signal(contactEventSignal, event);
}
