// Runs bare-strings.lint.ts over the files already in the catalogues: no English a marketer reads left in JSX.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareStrings } from './bare-strings.lint';

/** The files whose every user-visible string is in the catalogues (grows as pages are converted). */
const converted = [
  'App.tsx',
  'pages/LoginPage.tsx',
  'components/LanguageSwitch.tsx',
  'components/GettingStarted.tsx',
  'pages/JourneysPage.tsx',
  'pages/SettingsPage.tsx',
  'pages/settings/FormsSecretSection.tsx',
  'pages/TagsPage.tsx',
  'pages/ChannelsPage.tsx',
  'pages/channels/AccountForm.tsx',
  'pages/EmployeesPage.tsx',
  'pages/people/GroupChatsSection.tsx',
  'pages/people/SyncButton.tsx',
  'pages/TimelinePage.tsx',
  'pages/BroadcastsPage.tsx',
  'pages/ContactsPage.tsx',
  ...readdirSync(join(import.meta.dirname, '../pages/contacts'))
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => `pages/contacts/${f}`),
  'components/MessageComposer.tsx',
  ...readdirSync(join(import.meta.dirname, '../components/composer'))
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => `components/composer/${f}`),
  'canvas/MessagePreview.tsx',
  'components/TestSendButton.tsx',
  'components/SegmentPicker.tsx',
  'components/WorkspaceSwitcher.tsx',
  'components/AudienceBuilder.tsx',
  'components/Chips.tsx',
  'components/ConfirmDialog.tsx',
  'lists/DataTable.tsx',
  ...['CanvasPage', 'Inspector', 'IssuesPanel', 'JourneyName', 'JourneyNodeCard', 'JourneyReport'].map(
    (f) => `canvas/${f}.tsx`,
  ),
  ...['JourneySettingsForm', 'MigrateWaiting', 'Palette', 'VersionList'].map((f) => `canvas/${f}.tsx`),
  ...readdirSync(join(import.meta.dirname, '../canvas/steps'))
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => `canvas/steps/${f}`),
];

describe('English left in the converted pages', () => {
  it.each(converted)('%s has none', (path) => {
    expect(bareStrings(readFileSync(join(import.meta.dirname, '..', path), 'utf8'), path)).toEqual([]);
  });

  it('finds what the heuristic is meant to find, and passes codes, addresses and names', () => {
    const found = bareStrings(`const columns = [{ label: 'Added' }];
      export const A = ({ ok, e }: { ok: boolean; e: string }) => (
        <p title="Open it" placeholder="wx0123abcd">
          <input placeholder="Asia/Shanghai" />
          Next run {ok ? 'Yes' : 'No'} {e || 'Failed to save'} {t('x.y')} {'https://example.com'} Herald
          <input aria-label={ok ? 'On' : t('off')} className="primary wide" /> {ok && 'Done'}
        </p>
      );`);
    expect(found.map((f) => f.replace(/^\d+: /, ''))).toEqual([
      'Added',
      'Open it',
      'Next run',
      'Yes',
      'No',
      'Failed to save',
      'On',
      'Done',
    ]);
  });
});
