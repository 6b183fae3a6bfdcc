import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { capabilityOf, methodsForChannel, minScheduleLeadMs, type ChannelKind, type Message, type MethodId } from '@herald/engine';
import { errorText } from '../api/error-text';
import { api, issuesOf, type Account } from '../api/client';
import { MessagePreview } from '../canvas/MessagePreview';

type AudienceMode = 'all' | 'tags' | 'chat_numbers';

/** Local datetime-input value for a Date. */
const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** New broadcast: method and type first, base info, audience with a live reachable count, messages, send time. */
export function NewBroadcastPage() {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [tags, setTags] = useState<Array<{ id: string; name: string }>>([]);
  const [accountId, setAccountId] = useState('');
  const [method, setMethod] = useState<MethodId>('wecom_group_msg');
  const [type, setType] = useState<'contacts' | 'group_chats'>('contacts');
  const [name, setName] = useState('');
  const [groupName, setGroupName] = useState('');
  const [mode, setMode] = useState<AudienceMode>('tags');
  const [tagMode, setTagMode] = useState<'all' | 'any'>('any');
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [numbers, setNumbers] = useState('');
  const [text, setText] = useState('');
  const [timed, setTimed] = useState(false);
  const [sendAt, setSendAt] = useState(toLocalInput(new Date(Date.now() + 3600_000)));
  const [count, setCount] = useState<{ audience: number; reachable: number; sendable: number } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => { void Promise.all([api.accounts(), api.tags()]).then(([a, t]) => { setAccounts(a.items); setTags(t.items); if (a.items[0]) setAccountId(a.items[0].id); }).catch((e: unknown) => setError(errorText(e))); }, []);
  const account = accounts.find((a) => a.id === accountId);
  const methods = useMemo(() => (account ? methodsForChannel(account.kind as ChannelKind) : []), [account]);
  useEffect(() => { if (methods.length && !methods.some((m) => m.id === method)) setMethod(methods[0]!.id); }, [methods, method]);
  const capability = capabilityOf(method);
  const audience = mode === 'all' ? { kind: 'all' } : mode === 'tags' ? { kind: 'tags', mode: tagMode, tagIds, excludeTagIds: [] } : { kind: 'chat_numbers', numbers: numbers.split(/[,\s]+/).filter(Boolean) };
  const audienceKey = JSON.stringify(audience);

  // Live count of who the audience reaches on this channel.
  useEffect(() => {
    if (!accountId) return;
    const timer = setTimeout(() => { void api.preview({ channelAccountId: accountId, method, audience: JSON.parse(audienceKey) }).then(setCount).catch(() => setCount(null)); }, 300);
    return () => clearTimeout(timer);
  }, [accountId, method, audienceKey]);

  const messages: Message[] = [{ type: 'text', text }];
  const tooSoon = timed && new Date(sendAt).getTime() - Date.now() < minScheduleLeadMs;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const created = await api.createBroadcast({
        name, channelAccountId: accountId, method, type, messages, audience, ...(capability.needsGroupName ? { groupName } : {}),
        sendType: timed ? 'timed' : 'immediate', ...(timed ? { sendAt: new Date(sendAt).toISOString() } : {}),
      });
      location.hash = `#/broadcasts/${created.id}`;
    } catch (err) {
      const issues = issuesOf(err);
      setError(issues.length ? issues.map((i) => i.message).join(' ') : errorText(err));
    }
  };

  return (
    <form className="page new-broadcast" onSubmit={(e) => void submit(e)}>
      <header className="page-head"><h2>New broadcast</h2></header>
      <div className="form-grid">
        <section>
          <h3>1. Method</h3>
          <label>Channel account<select value={accountId} onChange={(e) => setAccountId(e.target.value)}>{accounts.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.kind})</option>)}</select></label>
          <label>Method<select aria-label="Method" value={method} onChange={(e) => setMethod(e.target.value as MethodId)}>{methods.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}</select></label>
          {capability.types.length > 1 && <label>Type<select value={type} onChange={(e) => setType(e.target.value as typeof type)}><option value="contacts">To contacts</option><option value="group_chats">To group chats</option></select></label>}
          <h3>2. Base info</h3>
          <label>Name<input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} required /></label>
          {capability.needsGroupName && <label>Group name<input aria-label="Group name" value={groupName} onChange={(e) => setGroupName(e.target.value)} required /></label>}
          <h3>3. Audience</h3>
          <label>Who<select aria-label="Audience" value={mode} onChange={(e) => setMode(e.target.value as AudienceMode)}><option value="all">Everyone on this account</option><option value="tags">Contacts with tags</option>{capability.audienceKinds.includes('chat_numbers') && <option value="chat_numbers">Chat numbers</option>}</select></label>
          {mode === 'tags' && (
            <>
              <label>Match<select value={tagMode} onChange={(e) => setTagMode(e.target.value as 'all' | 'any')}><option value="any">Any of the tags</option><option value="all">All of the tags</option></select></label>
              <div className="chips" role="group" aria-label="Tags">{tags.map((t) => <button type="button" key={t.id} className={tagIds.includes(t.id) ? 'chip on' : 'chip'} aria-pressed={tagIds.includes(t.id)} onClick={() => setTagIds((ids) => (ids.includes(t.id) ? ids.filter((x) => x !== t.id) : [...ids, t.id]))}>{t.name}</button>)}</div>
            </>
          )}
          {mode === 'chat_numbers' && <label>Chat numbers (comma separated)<textarea value={numbers} onChange={(e) => setNumbers(e.target.value)} rows={3} /></label>}
          <p className="muted" data-testid="audience-count">{count ? `${count.reachable.toLocaleString()} of ${count.audience.toLocaleString()} contacts reachable on this channel${count.sendable < count.reachable ? `; ${count.sendable.toLocaleString()} within quotas and caps today` : ''}` : 'Counting…'}</p>
          <h3>4. Send time</h3>
          <label className="inline"><input type="radio" checked={!timed} onChange={() => setTimed(false)} /> Immediately</label>
          <label className="inline"><input type="radio" checked={timed} onChange={() => setTimed(true)} /> At a time</label>
          {timed && <label>Send at<input type="datetime-local" aria-label="Send at" value={sendAt} onChange={(e) => setSendAt(e.target.value)} /></label>}
          {tooSoon && <p className="banner error">A timed send must be at least 5 minutes ahead.</p>}
        </section>
        <section>
          <h3>5. Message</h3>
          <label>Text<textarea aria-label="Message text" value={text} onChange={(e) => setText(e.target.value)} rows={6} /></label>
          <MessagePreview messages={messages} />
          {error && <p className="banner error" role="alert">{error}</p>}
          <button className="primary" type="submit" disabled={!accountId || !name || tooSoon}>Create broadcast</button>
        </section>
      </div>
    </form>
  );
}
