import { WorkflowIdReusePolicy } from '@temporalio/client';
import {
  cancelSignal,
  entrySignal,
  pauseSignal,
  resumeSignal,
  journeyWorkflowId,
  type BroadcastInput,
  type JourneyInput,
} from '@herald/engine/workflows';
import { HeraldError } from '../errors/herald-error';
import type { AppDeps } from '../deps';

/** Temporal is not configured or not reachable: 503, try again. */
export const temporalUnavailable = () =>
  new HeraldError('HERALD_ERR_TEMPORAL_UNAVAILABLE', 503, 'The workflow engine is not reachable; try again shortly.');

/** Starts the broadcast workflow of a run (idempotent on the run id). */
export async function startBroadcast(deps: AppDeps, input: BroadcastInput): Promise<string> {
  if (!deps.temporal) throw temporalUnavailable();
  const workflowId = `broadcast/${input.runId}`;
  await deps.temporal.client.workflow
    .start('broadcastWorkflow', {
      taskQueue: deps.temporal.taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    })
    .catch((error: unknown) => {
      if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    });
  return workflowId;
}

/** Sends pause / resume / cancel to a broadcast run's workflow. */
export async function signalBroadcast(
  deps: AppDeps,
  runId: string,
  action: 'pause' | 'resume' | 'cancel',
): Promise<void> {
  if (!deps.temporal) throw temporalUnavailable();
  const handle = deps.temporal.client.workflow.getHandle(`broadcast/${runId}`);
  await handle.signal(action === 'pause' ? pauseSignal : action === 'resume' ? resumeSignal : cancelSignal);
}

/** Enters a contact into a journey: starts its workflow, or signals the running one (re-entry). */
export async function enterJourney(deps: AppDeps, journeyId: string, input: JourneyInput): Promise<void> {
  if (!deps.temporal) throw temporalUnavailable();
  await deps.temporal.client.workflow.signalWithStart('journeyWorkflow', {
    taskQueue: deps.temporal.taskQueue,
    workflowId: journeyWorkflowId(input.workspaceId, journeyId, input.contactId),
    args: [input],
    signal: entrySignal,
    signalArgs: [input.entry],
  });
}
