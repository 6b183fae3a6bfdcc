import { useEffect, useState } from 'react';
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
import { contactRoutes, type ContactListItem } from '@herald/api/contracts';
import { call } from '../api/client';
import { previewLengthText, previewWords } from '../words/preview-words';
import { TestSendButton } from '../components/TestSendButton';

/** Whom the preview shows a message for until a contact is picked: a name only, so defaults show for the rest. */
const sample: TemplateContact = { ...emptyTemplateContact, name: previewWords.sampleName };

/** A text as the chosen contact gets it (the engine's own renderer), or why it cannot be. */
function rendered(text: string, contact: TemplateContact): { text: string; error?: string } {
  try {
    return { text: renderTemplate(text, contact) };
  } catch (error) {
    return { text, error: error instanceof CodedError ? error.message : String(error) };
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
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ContactListItem[]>([]);
  const [contactId, setContactId] = useState('');
  const [contact, setContact] = useState<TemplateContact>(sample);
  useEffect(() => {
    const timer = setTimeout(() => {
      void call(contactRoutes.list, { query: { ...(search.trim() ? { search: search.trim() } : {}), limit: 20 } })
        .then((r) => setFound(r.items))
        .catch(() => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);
  useEffect(() => {
    if (!contactId) return setContact(sample);
    void call(contactRoutes.templateContext, { params: { id: contactId } })
      .then(setContact)
      .catch(() => setContact(sample));
  }, [contactId]);
  const limit = method ? capabilityOf(method).textLimit : null;
  return (
    <div className="phone" data-testid="message-preview" aria-label="Message preview">
      <div className="phone-bar">
        <input
          aria-label="Find a contact to preview as"
          placeholder={previewWords.find}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Preview as" value={contactId} onChange={(e) => setContactId(e.target.value)}>
          <option value="">{previewWords.nobody}</option>
          {found.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="phone-body">
        {messages.map((m, i) => {
          if (m.type !== 'text')
            return (
              <div className="bubble" key={i}>
                {m.type === 'news'
                  ? m.title
                  : m.type === 'template'
                    ? `Template ${m.templateId}`
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
                {r.text || <span className="muted">{previewWords.empty}</span>}
              </div>
              {r.error ? (
                <p className="banner error" data-testid="preview-problem">
                  {r.error}
                </p>
              ) : limit ? (
                <p className={over ? 'banner error' : 'muted'} data-testid="preview-length">
                  {previewLengthText(length, limit.max, limit.unit)}
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
