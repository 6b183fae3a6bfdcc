import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Call another system: its address, the HTTP method and the body (signed by Herald). */
export function WebhookForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('canvas.webhook.url')}
        <input
          aria-label={t('canvas.webhook.urlLabel')}
          value={String(data.url)}
          onChange={(e) => set({ url: e.target.value })}
          placeholder="https://…"
        />
      </label>
      <label>
        {t('canvas.webhook.method')}
        <select
          aria-label={t('canvas.webhook.methodLabel')}
          value={String(data.method ?? 'POST')}
          onChange={(e) => set({ method: e.target.value })}
        >
          <option>POST</option>
          <option>PUT</option>
        </select>
      </label>
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
