import { useEffect, useState } from 'react';
import { allows, authRoutes } from '@herald/api/contracts';
import type { Permission, RouteOutput } from '@herald/api/contracts';
import { call } from './api/client';
import { CanvasPage } from './canvas/CanvasPage';
import { BroadcastDetailPage } from './pages/BroadcastDetailPage';
import { BroadcastsPage } from './pages/BroadcastsPage';
import { JourneysPage } from './pages/JourneysPage';
import { LoginPage } from './pages/LoginPage';
import { NewBroadcastPage } from './pages/NewBroadcastPage';
import { ChannelsPage } from './pages/ChannelsPage';
import { ContactsPage } from './pages/ContactsPage';
import { EmployeesPage } from './pages/EmployeesPage';
import { SettingsPage } from './pages/SettingsPage';
import { TagsPage } from './pages/TagsPage';
import { SegmentsPage } from './pages/SegmentsPage';
import { TimelinePage } from './pages/TimelinePage';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { AuditPage } from './pages/AuditPage';
import { InvitationPage } from './pages/InvitationPage';
import { MembersPage } from './pages/MembersPage';
import { WorkspacesPage } from './pages/WorkspacesPage';
import { WorkspaceSwitcher } from './components/WorkspaceSwitcher';

/** The sections, each shown to those whose role may open it (the API refuses the others anyway). */
const nav: ReadonlyArray<[string, string, Permission?]> = [
  ['journeys', 'Journeys'],
  ['broadcasts', 'Broadcasts'],
  ['contacts', 'Contacts'],
  ['tags', 'Tags'],
  ['segments', 'Segments'],
  ['channels', 'Channels'],
  ['employees', 'Employees'],
  ['settings', 'Settings'],
  ['approvals', 'Approvals'],
  ['members', 'Members'],
  ['api-keys', 'API keys', 'manage'],
  ['audit', 'Audit', 'manage'],
  ['workspaces', 'Workspaces', 'instance'],
];

/** Who is signed in. */
export type Me = RouteOutput<typeof authRoutes.me>;

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
  const loadMe = () =>
    void call(authRoutes.me)
      .then(setMe)
      .catch(() => setMe(null));
  useEffect(loadMe, []);
  // An invitation link opens before (and instead of) the sign-in: accepting it signs the person in.
  const invitation = /^#\/invitation\/(.+)$/.exec(hash)?.[1];
  if (invitation) return <InvitationPage token={invitation} onJoined={loadMe} />;
  if (me === undefined) return <p className="loading">Loading…</p>;
  if (me === null) return <LoginPage onSignedIn={setMe} />;
  const [path = '', query = ''] = hash.split('?');
  const [, section, id, sub] = path.split('/');
  return (
    <div className="shell">
      <nav className="nav">
        <div className="brand">Herald</div>
        {nav
          .filter(([, , permission]) => !permission || allows(permission, me))
          .map(([href, label]) => (
            <a key={href} href={`#/${href}`} className={section === href ? 'active' : ''}>
              {label}
            </a>
          ))}
        <span className="spacer" />
        <span className="muted">
          {me.member?.name ?? 'API key'} · {me.workspaceName}
        </span>
        <WorkspaceSwitcher current={me.workspaceId} onSwitched={loadMe} />
        <button type="button" className="link" onClick={() => void call(authRoutes.logout).then(() => setMe(null))}>
          Sign out
        </button>
      </nav>
      <div className="content">
        {section === 'journeys' && id ? (
          <CanvasPage journeyId={id} key={id} />
        ) : section === 'broadcasts' && id === 'new' ? (
          <NewBroadcastPage copyOf={new URLSearchParams(query).get('copy') ?? undefined} key={query} />
        ) : section === 'broadcasts' && id && sub === 'edit' ? (
          <NewBroadcastPage editOf={id} key={id} />
        ) : section === 'broadcasts' && id ? (
          <BroadcastDetailPage id={id} key={id} />
        ) : section === 'broadcasts' ? (
          <BroadcastsPage />
        ) : section === 'contacts' && id && sub === 'timeline' ? (
          <TimelinePage contactId={id} key={id} />
        ) : section === 'contacts' ? (
          <ContactsPage initialTagId={new URLSearchParams(query).get('tag') ?? ''} key={query} />
        ) : section === 'tags' ? (
          <TagsPage />
        ) : section === 'segments' ? (
          <SegmentsPage />
        ) : section === 'settings' ? (
          <SettingsPage />
        ) : section === 'channels' ? (
          <ChannelsPage />
        ) : section === 'employees' ? (
          <EmployeesPage />
        ) : section === 'approvals' ? (
          <ApprovalsPage me={me} />
        ) : section === 'members' ? (
          <MembersPage me={me} />
        ) : section === 'api-keys' ? (
          <ApiKeysPage me={me} />
        ) : section === 'audit' ? (
          <AuditPage />
        ) : section === 'workspaces' ? (
          <WorkspacesPage />
        ) : (
          <JourneysPage />
        )}
      </div>
    </div>
  );
}
