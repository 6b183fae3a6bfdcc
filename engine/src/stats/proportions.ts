// Comparing two conversion rates (a holdout's lift, an experiment's variants): pure, browser-safe.

/** The standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; error under 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Two groups' rates compared: the difference with its 95% interval, the relative lift, and a z-test. */
export interface RateComparison {
  /** Rate of the group under test (treatment, or variant B). */
  rate: number;
  /** Rate of the baseline (holdout, or variant A). */
  baseline: number;
  /** rate − baseline, and its 95% confidence interval (Wald, unpooled). */
  difference: number;
  low: number;
  high: number;
  /** (rate − baseline) / baseline; null when the baseline converted nobody. */
  lift: number | null;
  /** The pooled two-proportion z statistic and its two-sided p-value. */
  z: number;
  pValue: number;
}

/**
 * Compares `converted / total` of a group with a baseline's: the difference in rates with a 95%
 * confidence interval, the relative lift, and a two-proportion z-test. Null when either group is empty.
 */
export function compareRates(
  group: { converted: number; total: number },
  baseline: { converted: number; total: number },
): RateComparison | null {
  if (group.total <= 0 || baseline.total <= 0) return null;
  const p1 = group.converted / group.total;
  const p0 = baseline.converted / baseline.total;
  const se = Math.sqrt((p1 * (1 - p1)) / group.total + (p0 * (1 - p0)) / baseline.total);
  const pooled = (group.converted + baseline.converted) / (group.total + baseline.total);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / group.total + 1 / baseline.total));
  const z = sePooled === 0 ? 0 : (p1 - p0) / sePooled;
  return {
    rate: p1,
    baseline: p0,
    difference: p1 - p0,
    low: p1 - p0 - 1.96 * se,
    high: p1 - p0 + 1.96 * se,
    lift: p0 === 0 ? null : (p1 - p0) / p0,
    z,
    pValue: 2 * (1 - normalCdf(Math.abs(z))),
  };
}
