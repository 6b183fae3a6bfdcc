import { useState, type FormEvent } from 'react';
import { contactInput, contactRoutes } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText, formProblems } from '../../api/error-text';

const fields = [
  ['name', 'Name', 'Mei Chen'],
  ['externalId', 'External id', 'Your system’s id for this person, e.g. crm-1042'],
  ['phone', 'Phone', '+86 138 0000 0000'],
  ['email', 'Email', 'mei@example.com'],
  ['wechat_openid', 'WeChat openid', 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'],
  ['wecom_external_userid', 'WeCom external user id', 'wmJ…'],
  ['tags', 'Tags', 'VIP, Shanghai (separated by commas)'],
] as const;
type Field = (typeof fields)[number][0];
const identityFields = ['phone', 'email', 'wechat_openid', 'wecom_external_userid'] as const;

/** A form to add one contact by hand; checked with the API's own schema before it is sent. */
export function AddContactForm({ onAdded, onClose }: { onAdded(name: string): void; onClose(): void }) {
  const [value, setValue] = useState<Record<Field, string>>(
    Object.fromEntries(fields.map(([f]) => [f, ''])) as Record<Field, string>,
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const body = () => ({
    externalId: value.externalId.trim(),
    name: value.name.trim(),
    identities: identityFields.filter((k) => value[k].trim()).map((kind) => ({ kind, value: value[kind].trim() })),
    tags: value.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  });
  const labels = { externalId: 'the external id', name: 'the name', tags: 'a tag' };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = formProblems(contactInput, body(), labels);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    try {
      await call(contactRoutes.create, { body: body() });
      onAdded(value.name.trim() || value.externalId.trim());
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="card form-grid" onSubmit={(e) => void submit(e)} aria-label="Add a contact">
      <h3>Add a contact</h3>
      {fields.map(([field, label, placeholder]) => (
        <label key={field}>
          {label}
          <input
            name={field}
            value={value[field]}
            placeholder={placeholder}
            onChange={(e) => {
              setValue((v) => ({ ...v, [field]: e.target.value }));
              // A problem goes away as soon as the field changes; it is checked again on save.
              setProblems(({ [field]: _gone, ...rest }) => rest);
            }}
            aria-invalid={problems[field] ? true : undefined}
          />
          {problems[field] && <span className="field-error">{problems[field]}</span>}
        </label>
      ))}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          Add contact
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
