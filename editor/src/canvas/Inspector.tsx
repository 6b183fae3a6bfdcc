import {
  capabilityOf,
  methodsForChannel,
  isRealtimeTriggerKind,
  type ChannelKind,
  type Message,
  type MethodId,
} from '@herald/engine';
import { useCanvas } from './store';
import { useEffect, useState } from 'react';
import { MessageComposer } from '../components/MessageComposer';
import { api } from '../api/client';
import { JourneySettingsForm, StepForm } from './StepForms';
import type { Account } from '../api/client';

/** Settings of the selected node, per kind; sends get the message composer and a live preview. */
export function Inspector({ accounts }: { accounts: Account[] }) {
  const node = useCanvas((s) => s.nodes.find((n) => n.selected));
  const realtime = useCanvas((s) => s.nodes.some((n) => isRealtimeTriggerKind(n.type!)));
  const update = useCanvas((s) => s.updateNodeData);
  const replaceData = useCanvas((s) => s.replaceNodeData);
  const settings = useCanvas((s) => s.settings);
  const setSettings = useCanvas((s) => s.setSettings);
  const [tags, setTags] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    void api
      .tags()
      .then((t) => setTags(t.items))
      .catch(() => setTags([]));
  }, []);
  if (!node) {
    return (
      <aside className="inspector" data-testid="inspector">
        <p className="muted">Select a step to edit it.</p>
        <JourneySettingsForm settings={settings} onChange={setSettings} />
      </aside>
    );
  }
  const data = node.data as Record<string, unknown>;
  const set = (patch: Record<string, unknown>) => update(node.id, patch);

  if (node.type === 'send') {
    const account = accounts.find((a) => a.id === data.channelAccountId);
    const channel = (account?.kind ?? data.channel) as ChannelKind;
    const messages = data.messages as Message[];
    const capability = capabilityOf(data.method as MethodId);
    return (
      <aside className="inspector" data-testid="inspector">
        <h3>Send message</h3>
        <label>
          Channel account
          <select
            value={String(data.channelAccountId)}
            onChange={(e) => {
              const a = accounts.find((x) => x.id === e.target.value);
              set({
                channelAccountId: e.target.value,
                ...(a ? { channel: a.kind, method: methodsForChannel(a.kind as ChannelKind)[0]?.id } : {}),
              });
            }}
          >
            <option value="">Choose…</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.kind})
              </option>
            ))}
          </select>
        </label>
        <label>
          Method
          <select aria-label="Method" value={String(data.method)} onChange={(e) => set({ method: e.target.value })}>
            {methodsForChannel(channel).map((m) => (
              <option
                key={m.id}
                value={m.id}
                disabled={realtime && !m.realtime}
                title={realtime && !m.realtime ? m.realtimeRefusal : ''}
              >
                {m.label}
                {realtime && !m.realtime ? ' — not in real-time journeys' : ''}
              </option>
            ))}
          </select>
        </label>
        {capability.types.length > 1 && (
          <label>
            Send to
            <select value={String(data.type)} onChange={(e) => set({ type: e.target.value })}>
              <option value="contacts">Contacts</option>
              <option value="group_chats">Group chats</option>
            </select>
          </label>
        )}
        {capability.needsGroupName && (
          <label>
            Group name
            <input
              value={String(data.groupName ?? '')}
              onChange={(e) => set({ groupName: e.target.value })}
              placeholder="Employees see it when they confirm"
            />
          </label>
        )}
        <MessageComposer
          accountId={String(data.channelAccountId ?? '')}
          accountKind={channel ?? ''}
          method={data.method as MethodId}
          messages={messages}
          onChange={(next) => set({ messages: next })}
        />
        {capability.interactionWindowHours !== undefined &&
          (() => {
            const fallback = data.fallback as { method: MethodId; messages: Message[] } | undefined;
            const choices = methodsForChannel(channel).filter(
              (m) => m.interactionWindowHours === undefined && (!realtime || m.realtime),
            );
            return (
              <div className="fallback">
                <label className="inline">
                  <input
                    type="checkbox"
                    aria-label="Fallback"
                    checked={Boolean(fallback)}
                    onChange={(e) =>
                      set({
                        fallback:
                          e.target.checked && choices[0]
                            ? {
                                method: choices[0].id,
                                messages: choices[0].messageTypes.includes('text')
                                  ? [{ type: 'text', text: '' }]
                                  : [{ type: 'template', templateId: '', fields: [], data: {} }],
                              }
                            : undefined,
                      })
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
                          set({
                            fallback: {
                              method: m.id,
                              messages: m.messageTypes.includes('text')
                                ? [{ type: 'text', text: '' }]
                                : [{ type: 'template', templateId: '', fields: [], data: {} }],
                            },
                          });
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
                      accountId={String(data.channelAccountId ?? '')}
                      accountKind={channel ?? ''}
                      method={fallback.method}
                      messages={fallback.messages}
                      onChange={(next) => set({ fallback: { ...fallback, messages: next } })}
                      label="Fallback message"
                    />
                  </>
                )}
              </div>
            );
          })()}
      </aside>
    );
  }

  return (
    <aside className="inspector" data-testid="inspector">
      <h3>{node.type}</h3>
      {node.type === 'follow' && (
        <label>
          Official account
          <select value={String(data.channelAccountId)} onChange={(e) => set({ channelAccountId: e.target.value })}>
            <option value="">Choose…</option>
            {accounts
              .filter((a) => a.kind.startsWith('wechat') || a.kind === 'wecom')
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </label>
      )}
      {(node.type === 'event' || node.type === 'wait_for_event') && (
        <label>
          Event name
          <input value={String(data.eventName)} onChange={(e) => set({ eventName: e.target.value })} />
        </label>
      )}
      {node.type === 'form_submit' && (
        <label>
          Form id
          <input value={String(data.formId)} onChange={(e) => set({ formId: e.target.value })} />
        </label>
      )}
      {(node.type === 'wait' || node.type === 'wait_for_event') &&
        (() => {
          const key = node.type === 'wait' ? 'duration' : 'timeout';
          const d = data[key] as { amount: number; unit: string };
          return (
            <div className="row">
              <label>
                {node.type === 'wait' ? 'Wait' : 'Timeout'}
                <input
                  type="number"
                  min={1}
                  value={d.amount}
                  onChange={(e) => set({ [key]: { ...d, amount: Number(e.target.value) } })}
                />
              </label>
              <label>
                Unit
                <select value={d.unit} onChange={(e) => set({ [key]: { ...d, unit: e.target.value } })}>
                  <option>minutes</option>
                  <option>hours</option>
                  <option>days</option>
                </select>
              </label>
            </div>
          );
        })()}
      {node.type === 'random_split' &&
        (data.branches as Array<{ id: string; label: string; percent: number }>).map((b, i, all) => (
          <label key={b.id}>
            {b.label} %
            <input
              type="number"
              value={b.percent}
              onChange={(e) =>
                set({ branches: all.map((x, j) => (j === i ? { ...x, percent: Number(e.target.value) } : x)) })
              }
            />
          </label>
        ))}
      <StepForm
        kind={node.type!}
        data={data}
        tags={tags}
        accounts={accounts}
        set={set}
        replace={(next) => replaceData(node.id, next)}
      />
    </aside>
  );
}
