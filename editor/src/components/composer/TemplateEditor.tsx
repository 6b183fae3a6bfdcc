import { useEffect, useState } from 'react';
import type { Message } from '@herald/engine';
import { accountRoutes } from '@herald/api/contracts';
import type { RouteOutput } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../Banner';

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
  const { t } = useTranslation();
  // The composer's own messages are "Message n"; a fallback's name its template fields after it.
  const named = label === t('composer.message') ? t('composer.template.name') : t('composer.template.of', { label });
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!accountId) return setTemplates(null);
    void call(accountRoutes.templates, { params: { id: accountId } })
      .then((r) => setTemplates(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, [accountId]);
  const set = (_i: number, next: Message) => onChange(next);
  return (
    <>
      <label>
        {t('composer.template.name')}
        <select
          aria-label={named}
          value={m.templateId}
          onChange={(e) => {
            const chosen = templates?.find((x) => x.templateId === e.target.value);
            set(i, {
              ...m,
              templateId: e.target.value,
              fields: chosen?.fields ?? [],
              data: Object.fromEntries((chosen?.fields ?? []).map((f) => [f, m.data[f] ?? ''])),
            });
          }}
        >
          <option value="">{templates ? t('composer.template.choose') : t('composer.template.loading')}</option>
          {templates?.map((x) => (
            <option key={x.templateId} value={x.templateId}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      {m.fields.map((f) => (
        <label key={f}>
          {f}
          <input
            aria-label={t('composer.template.field', { name: named, field: f })}
            value={m.data[f] ?? ''}
            onChange={(e) => set(i, { ...m, data: { ...m.data, [f]: e.target.value } })}
          />
        </label>
      ))}
      <label>
        {t('composer.template.link')}
        <input
          value={m.url ?? ''}
          onChange={(e) => set(i, { ...m, ...(e.target.value ? { url: e.target.value } : { url: undefined }) })}
        />
      </label>
      <ErrorBanner text={error} />
    </>
  );
}
