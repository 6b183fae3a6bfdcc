import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows, authRoutes } from '@herald/api/contracts';
import type { Permission, RouteOutput } from '@herald/api/contracts';
import { call } from './api/client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { applyLocale, currentLocale } from './i18n/i18n';
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

type NavSection =
  | 'journeys'
  | 'broadcasts'
  | 'contacts'
  | 'tags'
  | 'segments'
  | 'channels'
  | 'employees'
  | 'settings'
  | 'approvals'
  | 'members'
  | 'api-keys'
  | 'audit'
  | 'workspaces';

/** The sections, each shown to those whose role may open it (the API refuses the others anyway). */
const nav: ReadonlyArray<readonly [NavSection, Permission?]> = [
  ['journeys'],
  ['broadcasts'],
  ['contacts'],
  ['tags'],
  ['segments'],
  ['channels'],
  ['employees'],
  ['settings'],
  ['approvals'],
  ['members'],
  ['api-keys', 'manage'],
  ['audit', 'manage'],
  ['workspaces', 'instance'],
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
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const hash = useHash();
  // The member's own language wins over the browser's (or the one picked on the sign-in page).
  const signedIn = (who: Me) => void applyLocale(who.member?.locale ?? currentLocale()).then(() => setMe(who));
  const loadMe = () =>
    void call(authRoutes.me)
      .then(signedIn)
      .catch(() => setMe(null));
  useEffect(loadMe, []);
  // An invitation link opens before (and instead of) the sign-in: accepting it signs the person in.
  const invitation = /^#\/invitation\/(.+)$/.exec(hash)?.[1];
  if (invitation) return <InvitationPage token={invitation} onJoined={loadMe} />;
  if (me === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (me === null) return <LoginPage onSignedIn={signedIn} />;
  const [path = '', query = ''] = hash.split('?');
  const [, section, id, sub] = path.split('/');
  return (
    <div className="shell">
      <nav className="nav">
        <div className="brand">Herald</div>
        {nav
          .filter(([, permission]) => !permission || allows(permission, me))
          .map(([href]) => (
            <a key={href} href={`#/${href}`} className={section === href ? 'active' : ''}>
              {t(`nav.${href}`)}
            </a>
          ))}
        <span className="spacer" />
        <span className="muted">
          {t('nav.whoami', { name: me.member?.name ?? t('common.apiKey'), workspace: me.workspaceName })}
        </span>
        <WorkspaceSwitcher current={me.workspaceId} onSwitched={loadMe} />
        <LanguageSwitch remember={me.member !== null} />
        <button type="button" className="link" onClick={() => void call(authRoutes.logout).then(() => setMe(null))}>
          {t('common.signOut')}
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
