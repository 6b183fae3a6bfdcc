import { SegmentPicker } from '../../components/SegmentPicker';
import type { StepFormProps } from './types';

/** "Enters a segment": a contact enters when one of its events makes it match the segment's rule. */
export function SegmentTriggerForm({ data, set }: StepFormProps) {
  return (
    <>
      <SegmentPicker segmentId={String(data.segmentId ?? '')} onChange={(segmentId) => set({ segmentId })} />
      <p className="muted">
        Looked at as events arrive: a contact enters when an event its rule counts makes it match. Time passing alone
        (an event leaving a window) brings nobody in.
      </p>
    </>
  );
}
