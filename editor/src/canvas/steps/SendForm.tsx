import { capabilityOf, type ChannelKind, type Message, type MethodId, type Variant, type Winner } from '@herald/engine';
import { MessageComposer } from '../../components/MessageComposer';
import { VariantsEditor } from '../../components/VariantsEditor';
import { VariantStats } from '../../components/VariantStats';
import { useCounts } from '../useCounts';
import { channelLabel, methodLabel } from '../../words/labels';
import { FallbackEditor } from './FallbackEditor';
import { methodsOffered } from './methods-offered';
import type { StepFormProps } from './types';
import { Trans, useTranslation } from 'react-i18next';

/**
 * A message step: the account, then only the methods that account offers in this kind of journey
 * (a real-time journey is never offered a WeCom group message), who it goes to, the messages and,
 * for customer-service messages, what goes instead when the window is closed.
 */
export function SendForm({ data, set, ctx }: StepFormProps) {
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
      <label>
        {t('canvas.send.account')}
        <select
          aria-label={t('canvas.send.account')}
          value={String(data.channelAccountId)}
          onChange={(e) => {
            const a = accounts.find((x) => x.id === e.target.value);
            const first = a ? methodsOffered(a.kind, realtime)[0] : undefined;
            set({ channelAccountId: e.target.value, ...(a && first ? { channel: a.kind, method: first.id } : {}) });
          }}
        >
          <option value="">{t('canvas.choose')}</option>
          {usable.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({channelLabel(a.kind)})
            </option>
          ))}
        </select>
        {usable.length === 0 && (
          <span className="help">
            <Trans i18nKey="canvas.send.none" components={{ link: <a href="#/channels" /> }} />
          </span>
        )}
      </label>
      <label>
        {t('canvas.send.method')}
        <select aria-label={t('canvas.send.method')} value={method} onChange={(e) => set({ method: e.target.value })}>
          {[...current, ...methods].map((m) => (
            <option key={m.id} value={m.id} disabled={!methods.includes(m)}>
              {methodLabel(m.id)}
              {methods.includes(m) ? '' : realtime ? t('canvas.send.notRealtime') : t('canvas.send.notOffered')}
            </option>
          ))}
        </select>
      </label>
      {capability.types.length > 1 && (
        <label>
          {t('canvas.send.to')}
          <select
            aria-label={t('canvas.send.to')}
            value={String(data.type)}
            onChange={(e) => set({ type: e.target.value })}
          >
            <option value="contacts">{t('canvas.send.contacts')}</option>
            <option value="group_chats">{t('canvas.send.groupChats')}</option>
          </select>
        </label>
      )}
      {capability.needsGroupName && (
        <label>
          {t('canvas.send.groupName')}
          <input
            value={String(data.groupName ?? '')}
            maxLength={100}
            onChange={(e) => set({ groupName: e.target.value })}
            placeholder={t('canvas.send.groupNameHint')}
          />
        </label>
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
