// The shape of the validator's rule tables: each rule with graphs that pass and graphs that break it.
import type { JourneyGraph } from '../model/journey.schema';
import type { ValidationCode } from '../validation/issue';

/** One example graph; for a broken one, where the issue must point and what it must say. */
export interface RuleExample {
  name: string;
  graph: () => JourneyGraph;
  nodeId?: string;
  edgeId?: string;
  message?: RegExp;
  /** Defaults to 'error'. */
  severity?: 'error' | 'warning';
}

/** A rule: the code it reports, graphs it accepts and graphs it reports. */
export interface RuleCase {
  code: ValidationCode;
  valid: RuleExample[];
  invalid: RuleExample[];
}

/** The clock every rule table runs against. */
export const tableNow = new Date('2026-11-24T12:00:00Z');

/** An ISO time `m` minutes after the table clock. */
export const inMinutes = (m: number): string => new Date(tableNow.getTime() + m * 60_000).toISOString();
