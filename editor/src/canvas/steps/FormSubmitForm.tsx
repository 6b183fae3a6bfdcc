import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Starts the journey when a contact submits this form (posted, signed, to the forms webhook). */
export function FormSubmitForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <label>
      {t('canvas.formSubmit.id')}
      <input value={String(data.formId)} onChange={(e) => set({ formId: e.target.value })} />
      <span className="help">{t('canvas.formSubmit.help')}</span>
    </label>
  );
}
