import { SegmentPicker } from '../../components/SegmentPicker';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** "Enters a segment": a contact enters when one of its events makes it match the segment's rule. */
export function SegmentTriggerForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <SegmentPicker segmentId={String(data.segmentId ?? '')} onChange={(segmentId) => set({ segmentId })} />
      <p className="muted">{t('canvas.segmentTrigger')}</p>
    </>
  );
}
