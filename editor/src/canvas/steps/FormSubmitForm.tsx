import { fieldsOf } from '../fields/bind-field';
import { InputField } from '../fields/InputField';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Starts the journey when a contact submits this form (posted, signed, to the forms webhook). */
export function FormSubmitForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <InputField label={t('canvas.formSubmit.id')} {...fieldsOf(data, set)('formId')}>
      <span className="help">{t('canvas.formSubmit.help')}</span>
    </InputField>
  );
}
