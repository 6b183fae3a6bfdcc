import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/Field';

/** Starts the journey when a contact submits this form (posted, signed, to the forms webhook). */
export function FormSubmitForm({ field }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <InputField label={t('canvas.formSubmit.id')} {...field('formId')}>
      <span className="help">{t('canvas.formSubmit.help')}</span>
    </InputField>
  );
}
