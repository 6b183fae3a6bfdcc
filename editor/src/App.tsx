import { useEffect, useState } from 'react';
import { api, type Me } from './api/client';
import { CanvasPage } from './canvas/CanvasPage';
import { BroadcastDetailPage } from './pages/BroadcastDetailPage';
import { BroadcastsPage } from './pages/BroadcastsPage';
import { JourneysPage } from './pages/JourneysPage';
import { LoginPage } from './pages/LoginPage';
import { NewBroadcastPage } from './pages/NewBroadcastPage';
import { ContactsPage } from './pages/ContactsPage';
import { SettingsPage } from './pages/SettingsPage';
import { TagsPage } from './pages/TagsPage';
import { TimelinePage } from './pages/TimelinePage';

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/journeys');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/journeys');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** The app shell: sign-in, navigation, and a page per route. */
export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const hash = useHash();
  useEffect(() => {
    void api
      .me()
      .then(setMe)
      .catch(() => setMe(null));
  }, []);
  if (me === undefined) return <p className="loading">Loading…</p>;
  if (me === null) return <LoginPage onSignedIn={setMe} />;
  const [path = '', query = ''] = hash.split('?');
  const [, section, id, sub] = path.split('/');
  return (
    <div className="shell">
      <nav className="nav">
        <div className="brand">Herald</div>
        <a href="#/journeys" className={section === 'journeys' ? 'active' : ''}>
          Journeys
        </a>
        <a href="#/broadcasts" className={section === 'broadcasts' ? 'active' : ''}>
          Broadcasts
        </a>
        <a href="#/contacts" className={section === 'contacts' ? 'active' : ''}>
          Contacts
        </a>
        <a href="#/tags" className={section === 'tags' ? 'active' : ''}>
          Tags
        </a>
        <a href="#/settings" className={section === 'settings' ? 'active' : ''}>
          Settings
        </a>
        <span className="spacer" />
        <span className="muted">
          {me.member?.name ?? 'API key'} · {me.workspaceName}
        </span>
        <button type="button" className="link" onClick={() => void api.logout().then(() => setMe(null))}>
          Sign out
        </button>
      </nav>
      <div className="content">
        {section === 'journeys' && id ? (
          <CanvasPage journeyId={id} key={id} />
        ) : section === 'broadcasts' && id === 'new' ? (
          <NewBroadcastPage />
        ) : section === 'broadcasts' && id ? (
          <BroadcastDetailPage id={id} />
        ) : section === 'broadcasts' ? (
          <BroadcastsPage />
        ) : section === 'contacts' && id && sub === 'timeline' ? (
          <TimelinePage contactId={id} key={id} />
        ) : section === 'contacts' ? (
          <ContactsPage initialTagId={new URLSearchParams(query).get('tag') ?? ''} key={query} />
        ) : section === 'tags' ? (
          <TagsPage />
        ) : section === 'settings' ? (
          <SettingsPage />
        ) : (
          <JourneysPage />
        )}
      </div>
    </div>
  );
}
