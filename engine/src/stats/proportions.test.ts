import { describe, expect, it } from 'vitest';
import { compareRates, normalCdf } from './proportions';

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.96, 0.975],
    [-1.96, 0.025],
    [3, 0.99865],
  ])('Φ(%s) ≈ %s', (z, p) => {
    expect(normalCdf(z)).toBeCloseTo(p, 4);
  });
});

describe('compareRates', () => {
  it('computes a lift with its interval and p-value (textbook: 200/1000 vs 150/1000)', () => {
    const r = compareRates({ converted: 200, total: 1000 }, { converted: 150, total: 1000 })!;
    expect(r.difference).toBeCloseTo(0.05, 6);
    expect(r.lift).toBeCloseTo(1 / 3, 6);
    // se = sqrt(.2*.8/1000 + .15*.85/1000) = 0.016956
    expect(r.low).toBeCloseTo(0.05 - 1.96 * 0.016956, 4);
    expect(r.high).toBeCloseTo(0.05 + 1.96 * 0.016956, 4);
    // pooled p = .175, se = sqrt(.175*.825*2/1000) = 0.016993, z = 2.9424
    expect(r.z).toBeCloseTo(2.9424, 3);
    expect(r.pValue).toBeCloseTo(0.0032, 3);
  });

  it('has no lift over a baseline that converted nobody, and nothing for an empty group', () => {
    expect(compareRates({ converted: 5, total: 100 }, { converted: 0, total: 100 })!.lift).toBeNull();
    expect(compareRates({ converted: 0, total: 0 }, { converted: 1, total: 10 })).toBeNull();
  });
});
