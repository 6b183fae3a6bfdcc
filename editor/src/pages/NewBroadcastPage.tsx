import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  capabilityOf,
  inQuietHours,
  methodsForChannel,
  minScheduleLeadMs,
  type Audience,
  type ChannelKind,
  type Message,
  type MethodId,
} from '@herald/engine';
import { errorText } from '../api/error-text';
import { api, issuesOf, type Account, type QuietHours } from '../api/client';
import { AudienceBuilder } from '../components/AudienceBuilder';
import { MessageComposer } from '../components/MessageComposer';

/** Local datetime-input value for a Date. */
const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** New broadcast: method and type first, base info, audience with a live reachable count, messages, send time. */
export function NewBroadcastPage() {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [accountId, setAccountId] = useState('');
  const [method, setMethod] = useState<MethodId>('wecom_group_msg');
  const [type, setType] = useState<'contacts' | 'group_chats'>('contacts');
  const [name, setName] = useState('');
  const [groupName, setGroupName] = useState('');
  const [audience, setAudienceState] = useState<Audience>({ kind: 'tags', mode: 'any', tagIds: [], excludeTagIds: [] });
  const setAudience = useCallback((a: Audience) => setAudienceState(a), []);
  const [messages, setMessages] = useState<Message[]>([{ type: 'text', text: '' }]);
  const [timed, setTimed] = useState(false);
  const [sendAt, setSendAt] = useState(toLocalInput(new Date(Date.now() + 3600_000)));
  const [count, setCount] = useState<{ audience: number; reachable: number; sendable: number } | null>(null);
  const [error, setError] = useState('');
  const [quiet, setQuiet] = useState<QuietHours | null>(null);
  useEffect(() => {
    void api
      .settings()
      .then((s) => setQuiet(s.quietHours))
      .catch(() => setQuiet(null));
  }, []);

  useEffect(() => {
    void api
      .accounts()
      .then((a) => {
        setAccounts(a.items);
        if (a.items[0]) setAccountId(a.items[0].id);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  const account = accounts.find((a) => a.id === accountId);
  const methods = useMemo(() => (account ? methodsForChannel(account.kind as ChannelKind) : []), [account]);
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
  const audienceKey = JSON.stringify(audience);

  // Live count of who the audience reaches on this channel.
  useEffect(() => {
    if (!accountId) return;
    const timer = setTimeout(() => {
      void api
        .preview({ channelAccountId: accountId, method, audience: JSON.parse(audienceKey) })
        .then(setCount)
        .catch(() => setCount(null));
    }, 300);
    return () => clearTimeout(timer);
  }, [accountId, method, audienceKey]);

  const tooSoon = timed && new Date(sendAt).getTime() - Date.now() < minScheduleLeadMs;
  // The workspace's quiet hours skip sends: say so before the marketer creates one that falls inside them.
  const sendsAt = timed ? new Date(sendAt) : new Date();
  const inQuiet = quiet && !Number.isNaN(sendsAt.getTime()) && inQuietHours(sendsAt, quiet, null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const created = await api.createBroadcast({
        name,
        channelAccountId: accountId,
        method,
        type,
        messages,
        audience,
        ...(capability.needsGroupName ? { groupName } : {}),
        sendType: timed ? 'timed' : 'immediate',
        ...(timed ? { sendAt: new Date(sendAt).toISOString() } : {}),
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
        <h2>New broadcast</h2>
      </header>
      <div className="form-grid">
        <section>
          <h3>1. Method</h3>
          <label>
            Channel account
            <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.kind})
                </option>
              ))}
            </select>
          </label>
          <label>
            Method
            <select aria-label="Method" value={method} onChange={(e) => setMethod(e.target.value as MethodId)}>
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
              <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
                <option value="contacts">To contacts</option>
                <option value="group_chats">To group chats</option>
              </select>
            </label>
          )}
          <h3>2. Base info</h3>
          <label>
            Name
            <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          {capability.needsGroupName && (
            <label>
              Group name
              <input
                aria-label="Group name"
                value={groupName}
                onChange={(e) => setGroupName(e.target.value)}
                required
              />
            </label>
          )}
          <h3>3. Audience</h3>
          <AudienceBuilder audience={audience} kinds={kinds} accounts={accounts} onChange={setAudience} />
          <p className="muted" data-testid="audience-count">
            {count
              ? `${count.reachable.toLocaleString()} of ${count.audience.toLocaleString()} ${type === 'group_chats' ? 'group chats' : 'contacts'} reachable on this channel${count.sendable < count.reachable ? `; ${count.sendable.toLocaleString()} within quotas and caps today` : ''}`
              : 'Counting…'}
          </p>
          <h3>4. Send time</h3>
          <label className="inline">
            <input type="radio" checked={!timed} onChange={() => setTimed(false)} /> Immediately
          </label>
          <label className="inline">
            <input type="radio" checked={timed} onChange={() => setTimed(true)} /> At a time
          </label>
          {timed && (
            <label>
              Send at
              <input
                type="datetime-local"
                aria-label="Send at"
                value={sendAt}
                onChange={(e) => setSendAt(e.target.value)}
              />
            </label>
          )}
          {tooSoon && <p className="banner error">A timed send must be at least 5 minutes ahead.</p>}
          {inQuiet && (
            <p className="banner warning" data-testid="quiet-warning">
              {timed ? 'This time' : 'Now'} is inside the workspace's quiet hours ({quiet.start}–{quiet.end}{' '}
              {quiet.timezone}): contacts for whom it is quiet time will be skipped.
            </p>
          )}
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
          {error && (
            <p className="banner error" role="alert">
              {error}
            </p>
          )}
          <button className="primary" type="submit" disabled={!accountId || !name || tooSoon}>
            Create broadcast
          </button>
        </section>
      </div>
    </form>
  );
}
