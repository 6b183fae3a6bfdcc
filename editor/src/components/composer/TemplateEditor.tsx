import { useEffect, useState } from 'react';
import type { Message } from '@herald/engine';
import { accountRoutes } from '@herald/api/contracts';
import type { RouteOutput } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';

type Template = RouteOutput<typeof accountRoutes.templates>['items'][number];
type TemplateMessage = Extract<Message, { type: 'template' }>;

/** A WeChat template message: the template picked from the account, and a field for each of its own. */
export function TemplateEditor({
  m,
  i,
  label,
  accountId,
  onChange,
}: {
  m: TemplateMessage;
  i: number;
  label: string;
  accountId: string;
  onChange(m: Message): void;
}) {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!accountId) return setTemplates(null);
    void call(accountRoutes.templates, { params: { id: accountId } })
      .then((t) => setTemplates(t.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, [accountId]);
  const set = (_i: number, next: Message) => onChange(next);
  return (
    <>
      <label>
        Template
        <select
          aria-label={label === 'Message' ? 'Template' : `${label} template`}
          value={m.templateId}
          onChange={(e) => {
            const t = templates?.find((x) => x.templateId === e.target.value);
            set(i, {
              ...m,
              templateId: e.target.value,
              fields: t?.fields ?? [],
              data: Object.fromEntries((t?.fields ?? []).map((f) => [f, m.data[f] ?? ''])),
            });
          }}
        >
          <option value="">{templates ? 'Choose…' : 'Loading templates…'}</option>
          {templates?.map((t) => (
            <option key={t.templateId} value={t.templateId}>
              {t.title}
            </option>
          ))}
        </select>
      </label>
      {m.fields.map((f) => (
        <label key={f}>
          {f}
          <input
            aria-label={`${label === 'Message' ? 'Template' : `${label} template`} field ${f}`}
            value={m.data[f] ?? ''}
            onChange={(e) => set(i, { ...m, data: { ...m.data, [f]: e.target.value } })}
          />
        </label>
      ))}
      <label>
        Link (optional)
        <input
          value={m.url ?? ''}
          onChange={(e) => set(i, { ...m, ...(e.target.value ? { url: e.target.value } : { url: undefined }) })}
        />
      </label>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
