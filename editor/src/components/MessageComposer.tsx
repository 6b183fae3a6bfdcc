import { useEffect, useState } from 'react';
import { capabilityOf, isAllowedAttachment, type Message, type MessageType, type MethodId } from '@herald/engine';
import { api, type Material, type Template } from '../api/client';
import { errorText } from '../api/error-text';
import { MessagePreview } from '../canvas/MessagePreview';

const emoji = ['😀', '🎉', '🎁', '🔥', '👍', '❤️', '🛍️', '⏰'];
const fields = ['{{contact.name}}'];
const attachmentKinds = ['image', 'voice', 'video', 'file'] as const;
type AttachmentKind = (typeof attachmentKinds)[number];
const labels: Record<MessageType, string> = {
  text: 'Text',
  image: 'Image',
  voice: 'Voice',
  video: 'Video',
  file: 'File',
  news: 'Link card',
  miniprogram: 'Mini program',
  template: 'Template',
};

/** A message of a type with nothing filled in yet (attachments are added through the picker instead). */
function blank(type: Exclude<MessageType, AttachmentKind>): Message {
  switch (type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'news':
      return { type: 'news', title: '', url: '' };
    case 'miniprogram':
      return { type: 'miniprogram', appId: '', pagePath: '', title: '' };
    case 'template':
      return { type: 'template', templateId: '', fields: [], data: {} };
  }
}

export interface MessageComposerProps {
  accountId: string;
  accountKind: string;
  method: MethodId;
  messages: Message[];
  onChange(messages: Message[]): void;
  /** What the message fields are called for screen readers and tests ("Message 1", "Fallback message 1"). */
  label?: string;
}

/**
 * The message composer of send steps and broadcasts: several messages as the method allows, text
 * with emoji and personalisation fields, attachments picked from the materials (or uploaded, to
 * the WeChat account too when it sends them), link cards, mini programs, and WeChat templates
 * picked from the account with a field for each of theirs. A live phone preview sits beside it.
 */
export function MessageComposer({
  accountId,
  accountKind,
  method,
  messages,
  onChange,
  label = 'Message',
}: MessageComposerProps) {
  const capability = capabilityOf(method);
  const wechat = accountKind.startsWith('wechat');
  const set = (i: number, m: Message) => onChange(messages.map((x, j) => (j === i ? m : x)));
  const remove = (i: number) => onChange(messages.filter((_, j) => j !== i));
  const texts = messages.filter((m) => m.type === 'text').length;
  const room = messages.length < capability.maxMessages;
  const canAdd = (type: MessageType) =>
    room &&
    capability.messageTypes.includes(type) &&
    (type !== 'text' || texts < (capability.maxTextMessages ?? capability.maxMessages));
  const [picking, setPicking] = useState<AttachmentKind | null>(null);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState('');
  const needsTemplates = messages.some((m) => m.type === 'template') || capability.messageTypes.includes('template');
  useEffect(() => {
    if (!needsTemplates || !accountId || !wechat) {
      setTemplates(null);
      return;
    }
    void api
      .templates(accountId)
      .then((t) => setTemplates(t.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, [needsTemplates, accountId, wechat]);

  return (
    <div className="composer" data-testid="composer">
      {messages.map((m, i) => (
        <div className="message-editor" key={i} data-testid={`message-${i}`}>
          <div className="row">
            <strong>{labels[m.type]}</strong>
            <span className="spacer" />
            {messages.length > 1 && (
              <button type="button" className="link" onClick={() => remove(i)}>
                Remove
              </button>
            )}
          </div>
          {m.type === 'text' && (
            <>
              <textarea
                aria-label={`${label} ${i + 1}`}
                value={m.text}
                onChange={(e) => set(i, { ...m, text: e.target.value })}
                rows={4}
                maxLength={4096}
              />
              <div className="chips">
                {emoji.map((e) => (
                  <button type="button" key={e} onClick={() => set(i, { ...m, text: m.text + e })}>
                    {e}
                  </button>
                ))}
                {capability.personalisation &&
                  fields.map((f) => (
                    <button type="button" key={f} onClick={() => set(i, { ...m, text: m.text + f })}>
                      {f}
                    </button>
                  ))}
              </div>
            </>
          )}
          {'attachment' in m && (
            <p className="muted" data-testid={`attachment-${i}`}>
              📎 {m.attachment.filename}
            </p>
          )}
          {m.type === 'video' && (
            <label>
              Title
              <input
                aria-label={`Video title ${i + 1}`}
                value={m.title ?? ''}
                maxLength={128}
                onChange={(e) => set(i, { ...m, title: e.target.value })}
              />
            </label>
          )}
          {m.type === 'news' && (
            <>
              <label>
                Title
                <input
                  aria-label={`Card title ${i + 1}`}
                  value={m.title}
                  maxLength={128}
                  onChange={(e) => set(i, { ...m, title: e.target.value })}
                />
              </label>
              <label>
                Description
                <input
                  value={m.description ?? ''}
                  maxLength={512}
                  onChange={(e) => set(i, { ...m, description: e.target.value })}
                />
              </label>
              <label>
                Link
                <input
                  aria-label={`Card link ${i + 1}`}
                  value={m.url}
                  maxLength={2048}
                  onChange={(e) => set(i, { ...m, url: e.target.value })}
                  placeholder="https://…"
                />
              </label>
              <label>
                Picture URL
                <input
                  value={m.picUrl ?? ''}
                  maxLength={2048}
                  onChange={(e) => set(i, { ...m, picUrl: e.target.value })}
                />
              </label>
            </>
          )}
          {m.type === 'miniprogram' && (
            <>
              <label>
                App id
                <input value={m.appId} onChange={(e) => set(i, { ...m, appId: e.target.value })} />
              </label>
              <label>
                Page path
                <input value={m.pagePath} onChange={(e) => set(i, { ...m, pagePath: e.target.value })} />
              </label>
              <label>
                Title
                <input value={m.title} maxLength={128} onChange={(e) => set(i, { ...m, title: e.target.value })} />
              </label>
            </>
          )}
          {m.type === 'template' && (
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
            </>
          )}
        </div>
      ))}
      <div className="chips" role="group" aria-label="Add a message">
        {canAdd('text') && (
          <button type="button" onClick={() => onChange([...messages, blank('text')])}>
            + Text
          </button>
        )}
        {attachmentKinds
          .filter((k) => canAdd(k))
          .map((k) => (
            <button type="button" key={k} onClick={() => setPicking(k)}>
              + {labels[k]}
            </button>
          ))}
        {canAdd('news') && (
          <button type="button" onClick={() => onChange([...messages, blank('news')])}>
            + Link card
          </button>
        )}
        {canAdd('miniprogram') && (
          <button type="button" onClick={() => onChange([...messages, blank('miniprogram')])}>
            + Mini program
          </button>
        )}
        {canAdd('template') && (
          <button type="button" onClick={() => onChange([...messages, blank('template')])}>
            + Template
          </button>
        )}
      </div>
      {picking && (
        <MaterialPicker
          kind={picking}
          accountId={wechat ? accountId : undefined}
          onCancel={() => setPicking(null)}
          onPick={(material) => {
            setPicking(null);
            onChange([
              ...messages,
              {
                type: picking,
                attachment: { materialId: material.id, filename: material.filename, mime: material.mime },
              } as Message,
            ]);
          }}
        />
      )}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <MessagePreview messages={messages} />
    </div>
  );
}

/** Picks a material of a kind, or uploads one (to the WeChat account as well when it will send it). */
function MaterialPicker({
  kind,
  accountId,
  onPick,
  onCancel,
}: {
  kind: AttachmentKind;
  accountId: string | undefined;
  onPick(m: Material): void;
  onCancel(): void;
}) {
  const [items, setItems] = useState<Material[] | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api
      .materials(kind)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, [kind]);
  // A WeChat account sends only what it holds as a permanent material.
  const usable = (items ?? []).filter(
    (m) => isAllowedAttachment(m.filename) && (!accountId || m.platformMediaIds[accountId]),
  );
  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (!isAllowedAttachment(file.name)) {
      setError(`A ${file.name.split('.').pop() ?? ''} file cannot be attached; use an allowed type.`);
      return;
    }
    setBusy(true);
    setError('');
    try {
      onPick(await api.uploadMaterial(kind, file, accountId));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card picker" data-testid="material-picker" role="dialog" aria-label={`Choose a ${kind}`}>
      <div className="row">
        <strong>Choose a {kind}</strong>
        <span className="spacer" />
        <button type="button" className="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {!items ? (
        <p className="loading">Loading…</p>
      ) : usable.length === 0 ? (
        <p className="muted">
          No {kind} yet{accountId ? ' on this account' : ''}: upload one.
        </p>
      ) : (
        <ul className="plain">
          {usable.map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => onPick(m)}>
                {m.filename}
              </button>{' '}
              <span className="muted">{Math.ceil(m.size / 1024)} KB</span>
            </li>
          ))}
        </ul>
      )}
      <label>
        Upload
        <input
          type="file"
          aria-label={`Upload a ${kind}`}
          disabled={busy}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      </label>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
