import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idLanes } from './step-lanes';

// A lane is (from, until] in PostgreSQL's uuid order, which is the order of the lowercase hex text.
const inLane = (id: string, lane: { from: string | null; until: string | null }) =>
  (lane.from === null || id > lane.from) && (lane.until === null || id <= lane.until);

describe('idLanes', () => {
  it('splits every contact id into exactly one of n lanes, each taking about its share', () => {
    const ids = [
      ...Array.from({ length: 4000 }, () => randomUUID()),
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '3fffffff-ffff-ffff-ffff-ffffffffffff',
      '40000000-0000-0000-0000-000000000000',
    ];
    for (const n of [1, 3, 4]) {
      const lanes = idLanes(n);
      expect(lanes).toHaveLength(n);
      const counts = lanes.map((lane) => ids.filter((id) => inLane(id, lane)).length);
      for (const id of ids) expect(lanes.filter((lane) => inLane(id, lane))).toHaveLength(1);
      for (const c of counts) expect(Math.abs(c - ids.length / n)).toBeLessThan(ids.length / n / 5);
    }
    expect(idLanes(4)[0]!.until).toBe('3fffffff-ffff-ffff-ffff-ffffffffffff');
  });
});
