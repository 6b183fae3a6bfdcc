import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { capabilityOf, type Audience, type Message, type MethodId } from '@herald/engine';
import {
  accountRoutes,
  broadcastRoutes,
  workspaceRoutes,
  type Account,
  type BroadcastDetail,
  type QuietHours,
} from '@herald/api/contracts';
import { VariantsEditor, type VariantsValue } from '../components/VariantsEditor';
import { call, issuesOf } from '../api/client';
import { errorText } from '../api/error-text';
import { AudienceBuilder } from '../components/AudienceBuilder';
import { useConfirm } from '../components/ConfirmDialog';
import { MessageComposer } from '../components/MessageComposer';
import { methodsOffered } from '../canvas/steps/methods-offered';
import { channelLabel, plural } from '../words/labels';
import { broadcastFormWords } from '../words/broadcast-words';
import { SendTimeSection, sendTimeProblem, toLocalInput } from './broadcast/SendTimeSection';
import { useAudienceCount } from './broadcast/useAudienceCount';

/** An immediate send to more than this many asks first. */
const confirmAbove = 100;

/**
 * New broadcast, or one filled from another: `copyOf` opens a copy of it (content and audience kept,
 * the time to set; nothing is sent until the user creates it); `editOf` edits a pending broadcast or
 * a draft (account and method stay; a draft is sent when saved).
 */
export function NewBroadcastPage({ copyOf, editOf }: { copyOf?: string; editOf?: string }) {
  const from = editOf ?? copyOf;
  const [start, setStart] = useState<BroadcastDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!from) return;
    void call(broadcastRoutes.get, { params: { id: from } })
      .then(setStart)
      .catch((e: unknown) => setError(errorText(e)));
  }, [from]);
  if (!from) return <BroadcastForm />;
  if (!start)
    return (
      <div className="page">
        {error ? (
          <p className="banner error" role="alert">
            {error}
          </p>
        ) : (
          <p className="loading">Loading…</p>
        )}
      </div>
    );
  return editOf ? <BroadcastForm start={start} editing /> : <BroadcastForm start={start} />;
}

/** The broadcast form: method and type first, base info, audience with a live reachable count, messages, send time. */
function BroadcastForm({ start, editing = false }: { start?: BroadcastDetail; editing?: boolean }) {
  const words = broadcastFormWords(editing ? 'edit' : start ? 'copy' : 'new');
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [accountId, setAccountId] = useState(start?.channelAccountId ?? '');
  const [method, setMethod] = useState<MethodId>(start?.method ?? 'wecom_group_msg');
  const [type, setType] = useState<'contacts' | 'group_chats'>(start?.type ?? 'contacts');
  const [name, setName] = useState(start ? (editing ? start.name : words.copyName(start.name)) : '');
  const [groupName, setGroupName] = useState(start?.groupName ?? '');
  const [audience, setAudienceState] = useState<Audience>(
    start?.audience ?? { kind: 'tags', mode: 'any', tagIds: [], excludeTagIds: [] },
  );
  const setAudience = useCallback((a: Audience) => setAudienceState(a), []);
  const [messages, setMessages] = useState<Message[]>(start?.messages ?? [{ type: 'text', text: '' }]);
  // An edit keeps the time set; a copy's time is the user's to set again (a time of day in each zone is kept).
  const keptTime = editing && start?.sendType === 'timed' && start.sendAt ? new Date(start.sendAt) : null;
  const [timed, setTimed] = useState(keptTime !== null || start?.sendType === 'timed');
  const [localTime, setLocalTime] = useState<string | null>(
    start?.sendType === 'local_time' ? (start.localTime ?? null) : null,
  );
  // A copy and an edit keep the message's A/B test.
  const [experiment, setExperiment] = useState<VariantsValue>(
    start?.variants ? { variants: start.variants, ...(start.winner ? { winner: start.winner } : {}) } : {},
  );
  const [sendAt, setSendAt] = useState(toLocalInput(keptTime ?? new Date(Date.now() + 3600_000)));
  const [error, setError] = useState('');
  const [quiet, setQuiet] = useState<QuietHours | null>(null);
  const { confirm, dialog } = useConfirm();
  useEffect(() => {
    void call(workspaceRoutes.settings)
      .then((s) => setQuiet(s.quietHours))
      .catch(() => setQuiet(null));
    void call(accountRoutes.list)
      .then((a) => {
        const usable = a.items.filter((x) => !x.disabled && methodsOffered(x.kind, false).length > 0);
        setAccounts(usable);
        if (usable[0]) setAccountId((id) => id || usable[0]!.id);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  const account = accounts.find((a) => a.id === accountId);
  const methods = useMemo(() => (account ? methodsOffered(account.kind, false) : []), [account]);
  useEffect(() => {
    if (methods.length && !methods.some((m) => m.id === method)) setMethod(methods[0]!.id);
  }, [methods, method]);
  const capability = capabilityOf(method);
  useEffect(() => {
    if (!capability.types.includes(type)) setType(capability.types[0] ?? 'contacts');
  }, [capability, type]);
  const kinds = useMemo(
    () =>
      type === 'group_chats' ? ['group_chats' as const] : capability.audienceKinds.filter((k) => k !== 'group_chats'),
    [type, capability],
  );
  // A method sends only the message types it knows: keep what fits when the method changes.
  useEffect(() => {
    setMessages((ms) => {
      const kept = ms.filter((m) => capability.messageTypes.includes(m.type)).slice(0, capability.maxMessages);
      return kept.length > 0
        ? kept
        : [
            capability.messageTypes.includes('text')
              ? { type: 'text', text: '' }
              : { type: 'template', templateId: '', fields: [], data: {} },
          ];
    });
  }, [capability]);
  const count = useAudienceCount(accountId, method, audience);
  // An error from the last try is about what was sent then: any change starts afresh.
  useEffect(
    () => setError(''),
    [accountId, method, type, name, groupName, audience, messages, timed, sendAt, localTime, experiment],
  );
  // A winner is chosen in a first send; a local-time send waits before its message, so it keeps the shares.
  useEffect(() => {
    if (localTime !== null && experiment.winner) setExperiment((x) => ({ variants: x.variants }));
    if (type === 'group_chats' && experiment.variants) setExperiment({});
  }, [localTime, type, experiment.winner, experiment.variants]);

  const problems = [
    !accountId && 'Connect a channel account first (Channels page).',
    !name.trim() && 'Give the broadcast a name.',
    capability.needsGroupName && !groupName.trim() && 'Give the group message a name: employees see it.',
    sendTimeProblem(timed, sendAt),
    experiment.variants &&
      experiment.variants.reduce((sum, v) => sum + v.share, 0) !== 100 &&
      "Make the variants' shares add up to 100%.",
  ].filter((p): p is string => typeof p === 'string');
  const recipients = type === 'group_chats' ? 'group chats' : 'contacts';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problems.length > 0) return;
    const reach = count?.reachable ?? 0;
    if (
      !timed &&
      reach > confirmAbove &&
      !(await confirm({
        title: `Send now to ${reach.toLocaleString('en')} ${recipients}?`,
        body:
          `“${name.trim()}” goes out as soon as you confirm, through ${account?.name ?? 'the account'}. ` +
          'A message that has gone out cannot be called back.',
        confirm: `Send to ${reach.toLocaleString('en')}`,
      }))
    )
      return;
    try {
      if (editing && start) {
        const when = {
          sendType: timed ? ('timed' as const) : localTime !== null ? ('local_time' as const) : ('immediate' as const),
          ...(timed ? { sendAt: new Date(sendAt).toISOString() } : {}),
          ...(localTime !== null ? { localTime } : {}),
        };
        await call(broadcastRoutes.edit, {
          params: { id: start.id },
          body: {
            name: name.trim(),
            audience,
            messages,
            ...when,
            variants: experiment.variants ?? null,
            winner: experiment.winner ?? null,
          },
        });
        // A draft goes out once saved: now, or pending until its time.
        if (start.status === 'draft') await call(broadcastRoutes.send, { params: { id: start.id }, body: when });
        location.hash = `#/broadcasts/${start.id}`;
        return;
      }
      const created = await call(broadcastRoutes.create, {
        body: {
          name: name.trim(),
          channelAccountId: accountId,
          method,
          type,
          messages,
          audience,
          ...(capability.needsGroupName ? { groupName } : {}),
          sendType: timed ? 'timed' : localTime !== null ? 'local_time' : 'immediate',
          ...(timed ? { sendAt: new Date(sendAt).toISOString() } : {}),
          ...(localTime !== null ? { localTime } : {}),
          ...(experiment.variants ? { variants: experiment.variants } : {}),
          ...(experiment.winner ? { winner: experiment.winner } : {}),
        },
      });
      location.hash = `#/broadcasts/${created.id}`;
    } catch (err) {
      const issues = issuesOf(err);
      setError(issues.length ? issues.map((i) => i.message).join(' ') : errorText(err));
    }
  };

  return (
    <form className="page new-broadcast" onSubmit={(e) => void submit(e)}>
      <header className="page-head">
        <h2>{words.title}</h2>
      </header>
      <div className="form-grid">
        <section>
          <h3>1. Method</h3>
          <label>
            Channel account
            <select
              aria-label="Channel account"
              value={accountId}
              disabled={editing}
              onChange={(e) => setAccountId(e.target.value)}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({channelLabel(a.kind)})
                </option>
              ))}
            </select>
          </label>
          <label>
            Method
            <select
              aria-label="Method"
              value={method}
              disabled={editing}
              onChange={(e) => setMethod(e.target.value as MethodId)}
            >
              {methods.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          {capability.types.length > 1 && (
            <label>
              Type
              <select
                aria-label="Type"
                value={type}
                disabled={editing}
                onChange={(e) => setType(e.target.value as typeof type)}
              >
                <option value="contacts">To contacts</option>
                <option value="group_chats">To group chats</option>
              </select>
            </label>
          )}
          <h3>2. Base info</h3>
          <label>
            Name
            <input aria-label="Name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </label>
          {capability.needsGroupName && (
            <label>
              Group name
              <input
                aria-label="Group name"
                value={groupName}
                maxLength={100}
                onChange={(e) => setGroupName(e.target.value)}
              />
            </label>
          )}
          <h3>3. Audience</h3>
          <AudienceBuilder audience={audience} kinds={kinds} accounts={accounts} onChange={setAudience} />
          <p className="muted" data-testid="audience-count">
            {count
              ? `${count.reachable.toLocaleString('en')} of ${plural(count.audience, recipients.slice(0, -1))} ` +
                'reachable on this channel' +
                (count.sendable < count.reachable
                  ? `; ${count.sendable.toLocaleString('en')} within quotas and caps today`
                  : '')
              : 'Counting…'}
          </p>
          <SendTimeSection
            timed={timed}
            sendAt={sendAt}
            quiet={quiet}
            onTimed={setTimed}
            onSendAt={setSendAt}
            localTime={localTime}
            onLocalTime={setLocalTime}
          />
        </section>
        <section>
          <h3>5. Message</h3>
          <MessageComposer
            accountId={accountId}
            accountKind={account?.kind ?? ''}
            method={method}
            messages={messages}
            onChange={setMessages}
          />
          {type === 'contacts' && (
            <VariantsEditor
              value={experiment}
              messages={messages}
              onChange={setExperiment}
              composer={(ms, onChange, label) => (
                <MessageComposer
                  accountId={accountId}
                  accountKind={account?.kind ?? ''}
                  method={method}
                  messages={ms}
                  onChange={onChange}
                  label={label}
                />
              )}
              winnerAllowed={localTime === null}
              conversions={false}
              winnerWhy="A local-time send keeps the variants' shares: its contacts receive it through the day, so no part of the audience is left to wait for a winner."
            />
          )}
          {error && (
            <p className="banner error" role="alert">
              {error}
            </p>
          )}
          {problems.length > 0 && (
            <ul className="problems" data-testid="create-problems" aria-label="Before you can create it">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <button className="primary" type="submit" disabled={problems.length > 0}>
            {words.submit}
          </button>
        </section>
      </div>
      {dialog}
    </form>
  );
}
