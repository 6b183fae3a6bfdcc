import type { Message } from '@herald/engine';

const sample = (text: string) => text.replace(/\{\{\s*contact\.name\s*\}\}/g, 'Li Lei');

/** How the messages look on a phone. Text is rendered as text, never as HTML. */
export function MessagePreview({ messages }: { messages: Message[] }) {
  return (
    <div className="phone" data-testid="message-preview" aria-label="Message preview">
      <div className="phone-bar">Herald · preview</div>
      <div className="phone-body">
        {messages.map((m, i) => (
          <div className="bubble" key={i}>
            {m.type === 'text' ? (
              sample(m.text) || <span className="muted">(empty)</span>
            ) : m.type === 'news' ? (
              <strong>{m.title}</strong>
            ) : m.type === 'template' ? (
              `Template ${m.templateId}`
            ) : 'attachment' in m ? (
              `📎 ${m.attachment.filename}`
            ) : (
              `[${m.type}]`
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
