import type { StepFormProps } from './types';

/** Call another system: its address, the HTTP method and the body (signed by Herald). */
export function WebhookForm({ data, set }: StepFormProps) {
  return (
    <>
      <label>
        URL
        <input
          aria-label="Webhook URL"
          value={String(data.url)}
          onChange={(e) => set({ url: e.target.value })}
          placeholder="https://…"
        />
      </label>
      <label>
        Method
        <select
          aria-label="Webhook method"
          value={String(data.method ?? 'POST')}
          onChange={(e) => set({ method: e.target.value })}
        >
          <option>POST</option>
          <option>PUT</option>
        </select>
      </label>
      <label>
        Body
        <textarea
          aria-label="Webhook body"
          value={String(data.body ?? '')}
          rows={4}
          onChange={(e) => set({ body: e.target.value })}
        />
      </label>
    </>
  );
}
