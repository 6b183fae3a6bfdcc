import { useEffect, useState } from 'react';
import { segmentRoutes, type SegmentRecord } from '@herald/api/contracts';
import { call } from '../api/client';

/** Picks a saved segment for an audience or a trigger; the segment's rule is read when it runs. */
export function SegmentPicker({ segmentId, onChange }: { segmentId: string; onChange(id: string): void }) {
  const [segments, setSegments] = useState<SegmentRecord[] | null>(null);
  useEffect(() => {
    void call(segmentRoutes.list)
      .then((r) => setSegments(r.segments))
      .catch(() => setSegments([]));
  }, []);
  if (segments && segments.length === 0)
    return (
      <p className="muted">
        No segments yet: <a href="#/segments">build one on the Segments page</a>.
      </p>
    );
  return (
    <label>
      Segment
      <select aria-label="Segment" value={segmentId} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a segment…</option>
        {(segments ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
