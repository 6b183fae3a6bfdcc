import type { StepFormProps } from './types';

/** Starts the journey when a contact submits this form (posted, signed, to the forms webhook). */
export function FormSubmitForm({ data, set }: StepFormProps) {
  return (
    <label>
      Form id
      <input value={String(data.formId)} onChange={(e) => set({ formId: e.target.value })} />
      <span className="help">The id in the address your form posts to: /webhooks/forms/…/this-id.</span>
    </label>
  );
}
