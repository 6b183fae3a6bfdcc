import { useCallback, useEffect, useState } from 'react';
import {
  accountRoutes,
  contactRoutes,
  timelineRoutes,
  type BroadcastItem,
  type ContactRecord as Contact,
  type TimelineItem,
} from '@herald/api/contracts';
import { call } from '../api/client';
import { eventLabel, methodLabel, reasonLabel, sourceLabel, statusLabel } from '../words/labels';
import { MergeInto } from './contacts/MergeInto';
import { TimedSendForm } from './contacts/TimedSendForm';
import { errorText } from '../api/error-text';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { textOf } from '../i18n/i18n';
import { ErrorBanner } from '../components/Banner';

const when = formatDateTime;
/** An identity's kind in a few words ("openid", "WeCom id"); other kinds as written. */
const identityWord = (kind: string) => textOf(`timeline.identity.${kind}`) ?? kind;

function Item({ item, accounts }: { item: TimelineItem; accounts: Record<string, string> }) {
  const { t } = useTranslation();
  if (item.kind === 'event') {
    const props = Object.entries(item.properties)
      .filter(([, v]) => v !== null && typeof v !== 'object')
      .slice(0, 4);
    return (
      <li className="tl-item tl-event" data-testid="timeline-event">
        <span className="tl-time">{when(item.at)}</span>
        <span className="tl-what">
          <strong>{eventLabel(item.type)}</strong> <span className="muted">{sourceLabel(item.source, accounts)}</span>
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
        <span className="bubble out">{item.content ?? <em className="muted">{t('timeline.noText')}</em>}</span>
        <span className="muted">
          {item.journeyId ? (
            <a href={`#/journeys/${item.journeyId}`}>{item.title}</a>
          ) : item.broadcastId ? (
            <a href={`#/broadcasts/${item.broadcastId}`}>{item.title}</a>
          ) : (
            item.title
          )}{' '}
          · {methodLabel(item.method)}
        </span>
        <span className={`status delivery-${item.status}`} data-testid="timeline-status">
          {statusLabel(item.status)}
          {item.reason ? ` · ${reasonLabel(item.reason)}` : ''}
        </span>
      </span>
    </li>
  );
}

/** One contact's conversation: messages sent with their status, events received, and the messages scheduled into it. */
export function TimelinePage({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const [contact, setContact] = useState<Contact | null>(null);
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [scheduled, setScheduled] = useState<BroadcastItem[] | null>(null);
  const [accounts, setAccounts] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let alive = true;
    void call(accountRoutes.list).then(
      (r) => alive && setAccounts(Object.fromEntries(r.items.map((a) => [a.id, a.name]))),
    );
    void Promise.all([
      call(contactRoutes.get, { params: { id: contactId } }),
      call(timelineRoutes.timeline, { params: { id: contactId }, query: { limit: 50 } }),
    ])
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
    void call(timelineRoutes.scheduledMessages, { params: { contactId }, query: {} })
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
      const page = await call(timelineRoutes.timeline, { params: { id: contactId }, query: { limit: 50, cursor } });
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
        <a href="#/contacts">{t('timeline.back')}</a>
      </div>
    );
  if (!contact || !items)
    return (
      <div className="page">
        <p className="loading">{t('common.loading')}</p>
      </div>
    );
  return (
    <div className="page timeline-page">
      <header className="page-head">
        <h2 data-testid="timeline-name">{contact.name || contact.externalId || t('timeline.contact')}</h2>
        {contact.unsubscribed && <span className="status status-failed">{t('timeline.unsubscribed')}</span>}
        <span className="muted">{contact.identities.map((i) => `${identityWord(i.kind)} ${i.value}`).join(' · ')}</span>
        <span className="spacer" />
        <MergeInto contact={contact} />
        {contact.tags.map((tag) => (
          <span className="status" key={tag.id}>
            {tag.name}
          </span>
        ))}
      </header>
      <ErrorBanner text={error} />
      <TimedSendForm contactId={contactId} onScheduled={(b) => setScheduled((list) => [b, ...(list ?? [])])} />
      {scheduled && scheduled.length > 0 && (
        <section aria-label={t('timeline.scheduled')} data-testid="scheduled">
          <h3>{t('timeline.scheduled')}</h3>
          <ul className="tl">
            {scheduled.map((b) => (
              <li className="tl-item" key={b.id}>
                <span className="tl-time">{b.sendAt ? when(b.sendAt) : '—'}</span>
                <span className="tl-what">
                  <span className="bubble out pending">{b.content}</span>
                  <span className="muted">
                    <a href={`#/broadcasts/${b.id}`}>{b.name}</a> · {methodLabel(b.method)}
                  </span>
                  <span className={`status status-${b.status}`} data-testid="scheduled-status">
                    {statusLabel(b.status)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h3>{t('timeline.history')}</h3>
      {items.length === 0 ? (
        <p className="muted" data-testid="timeline-empty">
          {t('timeline.empty')}
        </p>
      ) : (
        <ul className="tl" data-testid="timeline">
          {items.map((i) => (
            <Item key={`${i.kind}-${i.id}`} item={i} accounts={accounts} />
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void more()} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('timeline.older')}
        </button>
      )}
    </div>
  );
}
