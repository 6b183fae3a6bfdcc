import { listEdits } from '../../components/list-edits';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

type Branch = { id: string; label: string; percent: number };

/** Sends contacts down each branch at random, in the given shares (which add up to 100%). */
export function RandomSplitForm({ data, set }: StepFormProps) {
  const branches = data.branches as Branch[];
  const edit = listEdits(branches, (next) => set({ branches: next }));
  const { t } = useTranslation();
  const total = branches.reduce((sum, b) => sum + (Number.isFinite(b.percent) ? b.percent : 0), 0);
  return (
    <>
      {branches.map((b, i) => (
        <label key={b.id}>
          {b.label} %
          <input
            type="number"
            min={0}
            max={100}
            value={b.percent}
            onChange={(e) => edit.patch(i, { percent: Number(e.target.value) })}
          />
        </label>
      ))}
      <p className={total === 100 ? 'muted' : 'field-error'}>{t('canvas.randomSplit.total', { total })}</p>
    </>
  );
}
