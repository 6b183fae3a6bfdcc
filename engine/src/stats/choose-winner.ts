// Choosing an experiment's winner from its variants' figures: pure, browser-safe.
import { compareRates } from './proportions';

/** One variant's figures: sends that went out, and how many of them reached the metric. */
export interface VariantOutcome {
  variant: string;
  sent: number;
  reached: number;
}

/** The chosen variant and how sure the choice is. */
export interface WinnerChoice {
  winner: string;
  /** The variant with the next best rate (null with a single variant). */
  runnerUp: string | null;
  /** The two-proportion z-test of the winner against the runner-up (two-sided), null when either sent nothing. */
  pValue: number | null;
  /** 1 − p: how unlikely a difference this large is if the two were alike (null without a test). */
  confidence: number | null;
  /** Whether the winner beat the runner-up at the 95% level. */
  significant: boolean;
}

const rateOf = (v: VariantOutcome) => (v.sent > 0 ? v.reached / v.sent : -1);

/**
 * The variant with the best rate wins (a tie goes to the earlier variant, so the control keeps its
 * place without evidence); the z-test of it against the runner-up says how sure that is.
 */
export function chooseWinner(outcomes: readonly VariantOutcome[]): WinnerChoice {
  if (outcomes.length === 0) throw new RangeError('an experiment has at least one variant');
  const ranked = outcomes
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rateOf(b.v) - rateOf(a.v) || a.i - b.i)
    .map((x) => x.v);
  const [best, second] = ranked as [VariantOutcome, VariantOutcome | undefined];
  const test = second
    ? compareRates({ converted: best.reached, total: best.sent }, { converted: second.reached, total: second.sent })
    : null;
  return {
    winner: best.variant,
    runnerUp: second?.variant ?? null,
    pValue: test?.pValue ?? null,
    confidence: test ? 1 - test.pValue : null,
    significant: test !== null && test.pValue < 0.05 && test.difference > 0,
  };
}
