import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { InputField, SelectField, TextAreaField } from '../../components/Field';

/** Call another system: its address, the HTTP method and the body (signed by Herald). */
export function WebhookForm({ field }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <InputField
        label={t('canvas.webhook.url')}
        aria-label={t('canvas.webhook.urlLabel')}
        {...field('url')}
        placeholder="https://…"
      />
      <SelectField
        label={t('canvas.webhook.method')}
        aria-label={t('canvas.webhook.methodLabel')}
        {...field('method', 'POST')}
        options={['POST', 'PUT'].map((method) => ({ value: method, label: method }))}
      />
      <TextAreaField
        label={t('canvas.webhook.body')}
        aria-label={t('canvas.webhook.bodyLabel')}
        {...field('body', '')}
        rows={4}
      />
    </>
  );
}
