import { Chips, toggle } from '../../components/Chips';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Add or remove tags on the contacts that reach this step. */
export function TagForm({ data, set, ctx }: StepFormProps) {
  const tags = ctx.tags;
  const { t } = useTranslation();
  const tagIds = (data.tagIds ?? []) as string[];
  return (
    <>
      <label>
        {t('canvas.tag.action')}
        <select
          aria-label={t('canvas.tag.actionLabel')}
          value={String(data.action)}
          onChange={(e) => set({ action: e.target.value })}
        >
          <option value="add">{t('canvas.tag.add')}</option>
          <option value="remove">{t('canvas.tag.remove')}</option>
        </select>
      </label>
      <Chips
        label={t('canvas.tag.toChange')}
        items={tags}
        selected={tagIds}
        onToggle={(id) => set({ tagIds: toggle(tagIds, id) })}
      />
    </>
  );
}
