import { capabilityOf, type ChannelKind, type Message, type MethodCapability, type MethodId } from '@herald/engine';
import { MessageComposer } from '../../components/MessageComposer';
import { methodsOffered } from './methods-offered';

type Fallback = { method: MethodId; messages: Message[] };

const starter = (m: MethodCapability): Message[] =>
  m.messageTypes.includes('text')
    ? [{ type: 'text', text: '' }]
    : [{ type: 'template', templateId: '', fields: [], data: {} }];

/** What a customer-service message sends instead when the contact's 48-hour window has closed. */
export function FallbackEditor({
  capability,
  channel,
  accountId,
  realtime,
  fallback,
  onChange,
}: {
  capability: MethodCapability;
  channel: ChannelKind;
  accountId: string;
  realtime: boolean;
  fallback: Fallback | undefined;
  onChange(next: Fallback | undefined): void;
}) {
  const choices = methodsOffered(channel, realtime).filter((m) => m.interactionWindowHours === undefined);
  return (
    <div className="fallback">
      <label className="inline">
        <input
          type="checkbox"
          aria-label="Fallback"
          checked={Boolean(fallback)}
          disabled={choices.length === 0}
          onChange={(e) =>
            onChange(
              e.target.checked && choices[0] ? { method: choices[0].id, messages: starter(choices[0]) } : undefined,
            )
          }
        />{' '}
        When the {capability.interactionWindowHours} h window is closed, send instead
      </label>
      {fallback && (
        <>
          <label>
            Fallback method
            <select
              aria-label="Fallback method"
              value={fallback.method}
              onChange={(e) => {
                const m = capabilityOf(e.target.value as MethodId);
                onChange({ method: m.id, messages: starter(m) });
              }}
            >
              {choices.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <MessageComposer
            accountId={accountId}
            accountKind={channel}
            method={fallback.method}
            messages={fallback.messages}
            onChange={(messages) => onChange({ ...fallback, messages })}
            label="Fallback message"
          />
        </>
      )}
    </div>
  );
}
