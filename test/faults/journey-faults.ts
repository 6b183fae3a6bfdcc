// The journey faults of `./herald faults`, each on a journey of its own (run after the broadcast faults).
import { journeyWorkerKill } from './journey-kill';
import { scheduleTemporalRestart } from './schedule-restart';
export type { JourneyFault, JourneyOutcome, JourneySizes } from './journey-scenario';

/** Every journey fault, in the order they run. */
export const journeyFaults = [journeyWorkerKill, scheduleTemporalRestart];
