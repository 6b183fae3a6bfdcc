import { useState } from 'react';
import { capabilityOf, type Message, type MessageType, type MethodId } from '@herald/engine';
import { MessagePreview } from '../canvas/MessagePreview';
import { MaterialPicker } from './composer/MaterialPicker';
import { attachmentKinds, blank, messageTypeLabel, type AttachmentKind } from './composer/message-types';
import { RichMessageEditor } from './composer/RichMessageEditor';
import { TemplateEditor } from './composer/TemplateEditor';
import { TextMessageEditor } from './composer/TextMessageEditor';
import { useTranslation } from 'react-i18next';

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
 * with a counter against the channel's limit, emoji and personalisation fields, attachments picked
 * from the materials (or uploaded, to the WeChat account too when it sends them), link cards, mini
 * programs, and WeChat templates picked from the account. A live phone preview sits beside it.
 */
export function MessageComposer({ accountId, accountKind, method, messages, onChange, label }: MessageComposerProps) {
  const { t } = useTranslation();
  const named = label ?? t('composer.message');
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
  const adders: Array<Exclude<MessageType, AttachmentKind>> = ['news', 'miniprogram', 'template'];

  return (
    <div className="composer" data-testid="composer">
      {messages.map((m, i) => (
        <div className="message-editor" key={i} data-testid={`message-${i}`}>
          <div className="row">
            <strong>{messageTypeLabel(m.type)}</strong>
            <span className="spacer" />
            {messages.length > 1 && (
              <button type="button" className="link" onClick={() => remove(i)}>
                {t('common.remove')}
              </button>
            )}
          </div>
          {m.type === 'text' && (
            <TextMessageEditor
              label={`${named} ${i + 1}`}
              text={m.text}
              capability={capability}
              onChange={(text) => set(i, { ...m, text })}
            />
          )}
          {'attachment' in m && (
            <p className="muted" data-testid={`attachment-${i}`}>
              📎 {m.attachment.filename}
            </p>
          )}
          {(m.type === 'video' || m.type === 'news' || m.type === 'miniprogram') && (
            <RichMessageEditor m={m} i={i} onChange={(next) => set(i, next)} />
          )}
          {m.type === 'template' && (
            <TemplateEditor
              m={m}
              i={i}
              label={named}
              accountId={wechat ? accountId : ''}
              onChange={(next) => set(i, next)}
            />
          )}
        </div>
      ))}
      <div className="chips" role="group" aria-label={t('composer.addMessage')}>
        {canAdd('text') && (
          <button type="button" onClick={() => onChange([...messages, blank('text')])}>
            {t('composer.add', { type: messageTypeLabel('text') })}
          </button>
        )}
        {attachmentKinds
          .filter((k) => canAdd(k))
          .map((k) => (
            <button type="button" key={k} onClick={() => setPicking(k)}>
              {t('composer.add', { type: messageTypeLabel(k) })}
            </button>
          ))}
        {adders
          .filter((type) => canAdd(type))
          .map((type) => (
            <button type="button" key={type} onClick={() => onChange([...messages, blank(type)])}>
              {t('composer.add', { type: messageTypeLabel(type) })}
            </button>
          ))}
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
      <MessagePreview messages={messages} method={method} accountId={accountId} />
    </div>
  );
}
