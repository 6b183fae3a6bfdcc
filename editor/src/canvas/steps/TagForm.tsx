import { Chips, toggle } from '../../components/Chips';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/Field';

/** Add or remove tags on the contacts that reach this step. */
export function TagForm({ data, set, field, ctx }: StepFormProps) {
  const tags = ctx.tags;
  const { t } = useTranslation();
  const tagIds = (data.tagIds ?? []) as string[];
  return (
    <>
      <SelectField
        label={t('canvas.tag.action')}
        aria-label={t('canvas.tag.actionLabel')}
        {...field('action')}
        options={(['add', 'remove'] as const).map((action) => ({ value: action, label: t(`canvas.tag.${action}`) }))}
      />
      <Chips
        label={t('canvas.tag.toChange')}
        items={tags}
        selected={tagIds}
        onToggle={(id) => set({ tagIds: toggle(tagIds, id) })}
      />
    </>
  );
}
