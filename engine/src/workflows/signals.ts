// Signals and queries, declared once at module scope; clients import the same handles.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SendCounts } from './activities.contract';

export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const cancelSignal = defineSignal('cancel');

export interface BroadcastProgress extends SendCounts {
  status: 'scheduled' | 'running' | 'paused' | 'canceled' | 'completed';
  total: number;
  pages: number;
}
export const progressQuery = defineQuery<BroadcastProgress>('progress');
/** A run's progress before it has started: nothing counted yet. */
export const scheduledProgress = (): BroadcastProgress => ({
  status: 'scheduled',
  total: 0,
  pages: 0,
  processed: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
});

/** An event for a contact inside a journey (wait_for_event, goal), or a new entry. */
export interface ContactEvent {
  name: string;
  eventId: string;
  properties?: Record<string, unknown>;
}
export const contactEventSignal = defineSignal<[ContactEvent]>('contactEvent');
/** Enters a contact (signalWithStart); a second entry while running follows the re-entry policy. */
export interface EntrySignal {
  entrySeq: number;
  eventId: string;
}
export const entrySignal = defineSignal<[EntrySignal]>('entry');

export interface JourneyState {
  nodeId: string | null;
  status: 'running' | 'waiting' | 'done' | 'exited';
}
export const journeyStateQuery = defineQuery<JourneyState>('state');

/** New contacts or events for a run (sent once per batch of entries, never per contact). */
export const wakeSignal = defineSignal('wake');
