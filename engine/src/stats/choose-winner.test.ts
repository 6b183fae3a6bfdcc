import { describe, expect, it } from 'vitest';
import { chooseWinner } from './choose-winner';

describe('chooseWinner', () => {
  it('picks the best rate and is sure of a clear difference', () => {
    const c = chooseWinner([
      { variant: 'a', sent: 1000, reached: 100 },
      { variant: 'b', sent: 1000, reached: 150 },
    ]);
    expect(c).toMatchObject({ winner: 'b', runnerUp: 'a', significant: true });
    // z = 0.05 / sqrt(0.125 · 0.875 · 2/1000) ≈ 3.38, two-sided p ≈ 0.0007.
    expect(c.pValue!).toBeCloseTo(0.00072, 4);
    expect(c.confidence!).toBeCloseTo(0.99928, 4);
  });

  it('still names the best rate when the test cannot tell them apart, without calling it significant', () => {
    const c = chooseWinner([
      { variant: 'a', sent: 20, reached: 2 },
      { variant: 'b', sent: 20, reached: 3 },
      { variant: 'c', sent: 20, reached: 1 },
    ]);
    expect(c).toMatchObject({ winner: 'b', runnerUp: 'a', significant: false });
    expect(c.pValue!).toBeGreaterThan(0.05);
  });

  it('keeps the control on a tie, and has no test when a variant sent nothing', () => {
    expect(
      chooseWinner([
        { variant: 'a', sent: 10, reached: 5 },
        { variant: 'b', sent: 10, reached: 5 },
      ]),
    ).toMatchObject({ winner: 'a', pValue: expect.closeTo(1, 6), significant: false });
    expect(
      chooseWinner([
        { variant: 'a', sent: 0, reached: 0 },
        { variant: 'b', sent: 10, reached: 1 },
      ]),
    ).toMatchObject({ winner: 'b', pValue: null, confidence: null, significant: false });
  });
});
