import { useState, type FormEvent } from 'react';
import { contactInput, contactRoutes } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText, formProblems } from '../../api/error-text';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/Banner';

// Each field's label and example are the catalogue's contacts.fields.<field>.
const fields = ['name', 'externalId', 'phone', 'email', 'wechat_openid', 'wecom_external_userid', 'tags'] as const;
type Field = (typeof fields)[number];
const identityFields = ['phone', 'email', 'wechat_openid', 'wecom_external_userid'] as const;

/** A form to add one contact by hand; checked with the API's own schema before it is sent. */
export function AddContactForm({ onAdded, onClose }: { onAdded(name: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<Record<Field, string>>(
    Object.fromEntries(fields.map((f) => [f, ''])) as Record<Field, string>,
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const body = () => ({
    externalId: value.externalId.trim(),
    name: value.name.trim(),
    identities: identityFields.filter((k) => value[k].trim()).map((kind) => ({ kind, value: value[kind].trim() })),
    tags: value.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  });
  const labels = {
    externalId: t('contacts.externalIdField'),
    name: t('channels.form.nameField'),
    tags: t('contacts.tagField'),
  };
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
    <form className="card form-grid" onSubmit={(e) => void submit(e)} aria-label={t('contacts.addLabel')}>
      <h3>{t('contacts.addLabel')}</h3>
      {fields.map((field) => (
        <label key={field}>
          {t(`contacts.fields.${field}.label`)}
          <input
            name={field}
            value={value[field]}
            placeholder={t(`contacts.fields.${field}.example`)}
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
      <ErrorBanner text={error} />
      <div className="row">
        <button type="submit" className="primary">
          {t('contacts.add')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}
