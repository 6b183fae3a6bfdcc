import { capabilityOf, type ChannelKind, type Message, type MethodCapability, type MethodId } from '@herald/engine';
import { SelectField } from '../../components/Field';
import { MessageComposer } from '../../components/MessageComposer';
import { methodsOffered } from './methods-offered';
import { methodLabel } from '../../words/labels';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  return (
    <div className="fallback">
      <label className="inline">
        <input
          type="checkbox"
          aria-label={t('canvas.fallback.label')}
          checked={Boolean(fallback)}
          disabled={choices.length === 0}
          onChange={(e) =>
            onChange(
              e.target.checked && choices[0] ? { method: choices[0].id, messages: starter(choices[0]) } : undefined,
            )
          }
        />{' '}
        {t('canvas.fallback.when', { hours: capability.interactionWindowHours })}
      </label>
      {fallback && (
        <>
          <SelectField
            label={t('canvas.fallback.method')}
            aria-label={t('canvas.fallback.method')}
            value={fallback.method}
            options={choices.map((m) => ({ value: m.id, label: methodLabel(m.id) }))}
            onValue={(method) => onChange({ method, messages: starter(capabilityOf(method)) })}
          />
          <MessageComposer
            accountId={accountId}
            accountKind={channel}
            method={fallback.method}
            messages={fallback.messages}
            onChange={(messages) => onChange({ ...fallback, messages })}
            label={t('canvas.fallback.message')}
          />
        </>
      )}
    </div>
  );
}
