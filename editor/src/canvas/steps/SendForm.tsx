import { capabilityOf, type ChannelKind, type Message, type MethodId, type Variant, type Winner } from '@herald/engine';
import { MessageComposer } from '../../components/MessageComposer';
import { VariantsEditor } from '../../components/VariantsEditor';
import { VariantStats } from '../../components/VariantStats';
import { useCounts } from '../useCounts';
import { channelLabel, methodLabel } from '../../words/labels';
import { AccountField } from '../../components/AccountField';
import { FallbackEditor } from './FallbackEditor';
import { methodsOffered } from './methods-offered';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { InputField, SelectField } from '../../components/Field';

/**
 * A message step: the account, then only the methods that account offers in this kind of journey
 * (a real-time journey is never offered a WeCom group message), who it goes to, the messages and,
 * for customer-service messages, what goes instead when the window is closed.
 */
export function SendForm({ data, set, field, ctx }: StepFormProps) {
  const { accounts, realtime } = ctx;
  const figures = useCounts((s) => s.variants[ctx.nodeId]);
  const account = accounts.find((a) => a.id === data.channelAccountId);
  const { t } = useTranslation();
  const channel = (account?.kind ?? data.channel) as ChannelKind;
  const method = data.method as MethodId;
  const capability = capabilityOf(method);
  const usable = accounts.filter(
    (a) => (!a.disabled && methodsOffered(a.kind, realtime).length > 0) || a.id === data.channelAccountId,
  );
  const methods = methodsOffered(channel, realtime);
  const current = methods.some((m) => m.id === method) ? [] : [capability];
  return (
    <>
      <AccountField
        label={t('canvas.send.account')}
        options={usable.map((a) => ({ value: a.id, label: `${a.name} (${channelLabel(a.kind)})` }))}
        none="canvas.send.none"
        value={String(data.channelAccountId)}
        onValue={(channelAccountId) => {
          const a = accounts.find((x) => x.id === channelAccountId);
          const first = a ? methodsOffered(a.kind, realtime)[0] : undefined;
          set({ channelAccountId, ...(a && first ? { channel: a.kind, method: first.id } : {}) });
        }}
      />
      <SelectField
        label={t('canvas.send.method')}
        aria-label={t('canvas.send.method')}
        {...field('method')}
        options={[...current, ...methods].map((m) => {
          const offered = methods.includes(m);
          const why = offered ? '' : realtime ? t('canvas.send.notRealtime') : t('canvas.send.notOffered');
          return { value: m.id, label: `${methodLabel(m.id)}${why}`, disabled: !offered };
        })}
      />
      {capability.types.length > 1 && (
        <SelectField
          label={t('canvas.send.to')}
          aria-label={t('canvas.send.to')}
          {...field('type')}
          options={[
            { value: 'contacts', label: t('canvas.send.contacts') },
            { value: 'group_chats', label: t('canvas.send.groupChats') },
          ]}
        />
      )}
      {capability.needsGroupName && (
        <InputField
          label={t('canvas.send.groupName')}
          {...field('groupName', '')}
          maxLength={100}
          placeholder={t('canvas.send.groupNameHint')}
        />
      )}
      <MessageComposer
        accountId={String(data.channelAccountId ?? '')}
        accountKind={channel ?? ''}
        method={method}
        messages={data.messages as Message[]}
        onChange={(messages) => set({ messages })}
      />
      {data.type !== 'group_chats' && (
        <VariantsEditor
          value={{
            variants: data.variants as Variant[] | undefined,
            winner: data.winner as Winner | undefined,
          }}
          messages={data.messages as Message[]}
          onChange={(next) => set({ variants: next.variants, winner: next.winner })}
          composer={(messages, onChange, label) => (
            <MessageComposer
              accountId={String(data.channelAccountId ?? '')}
              accountKind={channel ?? ''}
              method={method}
              messages={messages}
              onChange={onChange}
              label={label}
            />
          )}
          winnerAllowed={ctx.batchFirst}
          conversions={ctx.goal}
          winnerWhy={t('canvas.send.winnerWhy')}
        />
      )}
      {figures && <VariantStats step={figures} />}
      {capability.interactionWindowHours !== undefined && (
        <FallbackEditor
          capability={capability}
          channel={channel}
          accountId={String(data.channelAccountId ?? '')}
          realtime={realtime}
          fallback={data.fallback as { method: MethodId; messages: Message[] } | undefined}
          onChange={(fallback) => set({ fallback })}
        />
      )}
    </>
  );
}
