import { useEffect, useMemo, useState } from 'react';
import {
  capabilityOf,
  CodedError,
  renderTemplate,
  textLength,
  type Message,
  type MethodId,
  emptyTemplateContact,
  type TemplateContact,
} from '@herald/engine';
import { contactRoutes } from '@herald/api/contracts';
import { Select, TextInput, namedOptions } from '../components/Field';
import { useContactSearch } from '../components/useContactSearch';
import { call } from '../api/client';
import { TestSendButton } from '../components/TestSendButton';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { currentLocale, i18n, textOf } from '../i18n/i18n';

/** Whom the preview shows a message for until a contact is picked: a name only, so defaults show for the rest. */
const sampleOf = (): TemplateContact => ({ ...emptyTemplateContact, name: i18n.t('composer.preview.sampleName') });

/** A text as the chosen contact gets it (the engine's own renderer), or why it cannot be. */
function rendered(text: string, contact: TemplateContact): { text: string; error?: string } {
  try {
    return { text: renderTemplate(text, contact) };
  } catch (error) {
    if (!(error instanceof CodedError)) return { text, error: String(error) };
    // The engine says where the mistake is in English; in Chinese its code's words come first.
    const words = currentLocale() === 'en' ? undefined : textOf(`errors.${error.code}`);
    return { text, error: words ? i18n.t('common.detail', { headline: words, detail: error.message }) : error.message };
  }
}

/**
 * How the messages look on a phone, personalised for a contact the marketer picks (without one, for a
 * sample contact known only by a name: defaults show for everything else), with each text's length on the rendered text
 * against the method's limit. Text is rendered as text, never as HTML.
 */
export function MessagePreview({
  messages,
  method,
  accountId,
}: {
  messages: Message[];
  method?: MethodId;
  accountId?: string;
}) {
  const { t, i18n: lang } = useTranslation();
  const sample = useMemo(sampleOf, [lang.language]);
  const [search, setSearch] = useState('');
  const found = useContactSearch(search, 20);
  const [contactId, setContactId] = useState('');
  const [picked, setContact] = useState<TemplateContact | null>(null);
  const contact = picked ?? sample;
  useEffect(() => {
    if (!contactId) return setContact(null);
    void call(contactRoutes.templateContext, { params: { id: contactId } })
      .then(setContact)
      .catch(() => setContact(null));
  }, [contactId]);
  const limit = method ? capabilityOf(method).textLimit : null;
  return (
    <div className="phone" data-testid="message-preview" aria-label={t('composer.preview.label')}>
      <div className="phone-bar">
        <TextInput
          aria-label={t('composer.preview.findLabel')}
          placeholder={t('composer.preview.find')}
          value={search}
          onValue={setSearch}
        />
        <Select
          aria-label={t('composer.preview.as')}
          value={contactId}
          blank={t('composer.preview.nobody', { name: sample.name })}
          options={namedOptions(found)}
          onValue={setContactId}
        />
      </div>
      <div className="phone-body">
        {messages.map((m, i) => {
          if (m.type !== 'text')
            return (
              <div className="bubble" key={i}>
                {m.type === 'news'
                  ? m.title
                  : m.type === 'template'
                    ? t('composer.preview.template', { id: m.templateId })
                    : 'attachment' in m
                      ? `📎 ${m.attachment.filename}`
                      : `[${m.type}]`}
              </div>
            );
          const r = rendered(m.text, contact);
          const length = limit ? textLength(r.text, limit.unit) : 0;
          const over = limit !== null && length > limit.max;
          return (
            <div key={i}>
              <div className="bubble" data-testid="preview-bubble">
                {r.text || <span className="muted">{t('composer.preview.empty')}</span>}
              </div>
              {r.error ? (
                <p className="banner error" data-testid="preview-problem">
                  {r.error}
                </p>
              ) : limit ? (
                <p className={over ? 'banner error' : 'muted'} data-testid="preview-length">
                  {t(`composer.preview.${over ? 'tooLong' : 'length'}.${limit.unit}`, {
                    length: formatNumber(length),
                    max: formatNumber(limit.max),
                  })}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {method && accountId !== undefined && (
        <TestSendButton accountId={accountId} method={method} messages={messages} contactId={contactId} />
      )}
    </div>
  );
}
