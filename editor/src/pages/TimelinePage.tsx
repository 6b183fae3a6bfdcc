import { useCallback, useEffect, useState } from 'react';
import { api, type BroadcastItem, type TimelineItem } from '../api/client';
import { errorText } from '../api/error-text';

type Contact = Awaited<ReturnType<typeof api.contact>>;
const when = (iso: string) => new Date(iso).toLocaleString();
const words = (s: string) => s.replace(/_/g, ' ');

function Item({ item }: { item: TimelineItem }) {
  if (item.kind === 'event') {
    const props = Object.entries(item.properties)
      .filter(([, v]) => v !== null && typeof v !== 'object')
      .slice(0, 4);
    return (
      <li className="tl-item tl-event" data-testid="timeline-event">
        <span className="tl-time">{when(item.at)}</span>
        <span className="tl-what">
          <strong>{words(item.type)}</strong> <span className="muted">received from {item.source}</span>
          {props.length > 0 && (
            <span className="muted"> · {props.map(([k, v]) => `${k}: ${String(v)}`).join(', ')}</span>
          )}
        </span>
      </li>
    );
  }
  return (
    <li className="tl-item tl-message" data-testid="timeline-message">
      <span className="tl-time">{when(item.at)}</span>
      <span className="tl-what">
        <span className="bubble out">{item.content ?? <em className="muted">(no text)</em>}</span>
        <span className="muted">
          {item.journeyId ? (
            <a href={`#/journeys/${item.journeyId}`}>{item.title}</a>
          ) : item.broadcastId ? (
            <a href={`#/broadcasts/${item.broadcastId}`}>{item.title}</a>
          ) : (
            item.title
          )}{' '}
          · {words(item.method)}
        </span>
        <span className={`status delivery-${item.status}`} data-testid="timeline-status">
          {item.status}
          {item.reason ? ` · ${words(item.reason)}` : ''}
        </span>
      </span>
    </li>
  );
}

/** One contact's conversation: messages sent with their status, events received, and the messages scheduled into it. */
export function TimelinePage({ contactId }: { contactId: string }) {
  const [contact, setContact] = useState<Contact | null>(null);
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [scheduled, setScheduled] = useState<BroadcastItem[] | null>(null);
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let alive = true;
    void Promise.all([api.contact(contactId), api.timeline(contactId)])
      .then(([c, t]) => {
        if (!alive) return;
        setContact(c);
        setItems(t.items);
        setCursor(t.nextCursor);
      })
      .catch((e: unknown) => {
        if (alive) setError(errorText(e));
      });
    // Scheduled messages are shown where the API offers them; without them the page still works.
    // Those still to go first, then the ones already sent or canceled.
    const waiting = (b: BroadcastItem) => (b.status === 'pending' || b.status === 'paused' ? 0 : 1);
    void api
      .scheduledMessages(contactId)
      .then((r) => {
        if (alive) setScheduled([...r.items].sort((a, b) => waiting(a) - waiting(b)));
      })
      .catch(() => {
        if (alive) setScheduled([]);
      });
    return () => {
      alive = false;
    };
  }, [contactId]);

  const more = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.timeline(contactId, cursor);
      setItems((list) => [...(list ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoadingMore(false);
    }
  }, [contactId, cursor]);

  if (error && !contact)
    return (
      <div className="page">
        <p className="banner error" role="alert">
          {error}
        </p>
        <a href="#/contacts">Back to contacts</a>
      </div>
    );
  if (!contact || !items)
    return (
      <div className="page">
        <p className="loading">Loading…</p>
      </div>
    );
  return (
    <div className="page timeline-page">
      <header className="page-head">
        <h2 data-testid="timeline-name">{contact.name || contact.externalId || 'Contact'}</h2>
        {contact.unsubscribed && <span className="status status-failed">unsubscribed</span>}
        <span className="muted">{contact.identities.map((i) => `${words(i.kind)} ${i.value}`).join(' · ')}</span>
        <span className="spacer" />
        {contact.tags.map((t) => (
          <span className="status" key={t.id}>
            {t.name}
          </span>
        ))}
      </header>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {scheduled && scheduled.length > 0 && (
        <section aria-label="Scheduled messages" data-testid="scheduled">
          <h3>Scheduled messages</h3>
          <ul className="tl">
            {scheduled.map((b) => (
              <li className="tl-item" key={b.id}>
                <span className="tl-time">{b.sendAt ? when(b.sendAt) : '—'}</span>
                <span className="tl-what">
                  <span className="bubble out pending">{b.content}</span>
                  <span className="muted">
                    <a href={`#/broadcasts/${b.id}`}>{b.name}</a> · {words(b.method)}
                  </span>
                  <span className={`status status-${b.status}`} data-testid="scheduled-status">
                    {b.status.replace('_', ' ')}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h3>History</h3>
      {items.length === 0 ? (
        <p className="muted" data-testid="timeline-empty">
          Nothing yet: no events received from this contact and no messages sent.
        </p>
      ) : (
        <ul className="tl" data-testid="timeline">
          {items.map((i) => (
            <Item key={`${i.kind}-${i.id}`} item={i} />
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void more()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Older'}
        </button>
      )}
    </div>
  );
}
