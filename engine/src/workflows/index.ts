// The workflow bundle's entry: every workflow Herald registers on its task queue.
export { smokeSleep, bareWorkflow } from './smoke.workflow';
export { broadcastWorkflow, type BroadcastInput } from './broadcast.workflow';
export { journeyWorkflow, journeyWorkflowId, type JourneyInput } from './journey.workflow';
export { journeyRunWorkflow, runWorkflowId, type RunInput } from './run.workflow';
export { journeyScheduleWorkflow, rescheduleSignal, scheduleWorkflowId, type ScheduleInput } from './schedule.workflow';
export * from './signals';
export type * from './activities.contract';
