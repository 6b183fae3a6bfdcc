import { InputField } from '../fields/InputField';
import { SelectField } from '../fields/SelectField';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Call another system: its address, the HTTP method and the body (signed by Herald). */
export function WebhookForm({ data, set, field }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <InputField
        label={t('canvas.webhook.url')}
        ariaLabel={t('canvas.webhook.urlLabel')}
        {...field('url')}
        placeholder="https://…"
      />
      <SelectField
        label={t('canvas.webhook.method')}
        ariaLabel={t('canvas.webhook.methodLabel')}
        {...field('method', 'POST')}
        choices={['POST', 'PUT'].map((method) => ({ value: method, label: method }))}
      />
      <label>
        {t('canvas.webhook.body')}
        <textarea
          aria-label={t('canvas.webhook.bodyLabel')}
          value={String(data.body ?? '')}
          rows={4}
          onChange={(e) => set({ body: e.target.value })}
        />
      </label>
    </>
  );
}
