import { useEffect, useState } from 'react';
import type { Audience, AudienceKind } from '@herald/engine';
import {
  directoryRoutes,
  type Account,
  type ContactListItem as Contact,
  type Employee,
  type GroupChat,
  type Tag,
} from '@herald/api/contracts';
import { call } from '../api/client';
import { emptyAudience } from './audience-defaults';
import { InputField, SelectField, TextAreaField } from './Field';
import { Chips, toggle } from './Chips';
import { SegmentPicker } from './SegmentPicker';
import { useContactSearch } from './useContactSearch';
import { useTranslation } from 'react-i18next';

export { emptyAudience } from './audience-defaults';
export { Chips, toggle } from './Chips';

/**
 * Who a broadcast (or a batch journey) reaches: every contact of the account, tags with all/any
 * and exclusions, followers of accounts, a manual pick, everyone matching a search, chat numbers
 * pasted comma-separated, or group chats (picked, or all of some employees). `kinds` are the ones
 * the method allows for its type.
 */
export function AudienceBuilder({
  audience,
  kinds,
  accounts,
  onChange,
}: {
  audience: Audience;
  kinds: readonly AudienceKind[];
  accounts: readonly Account[];
  onChange(a: Audience): void;
}) {
  const [tags, setTags] = useState<Tag[]>([]);
  const { t } = useTranslation();
  const [groupChats, setGroupChats] = useState<GroupChat[]>([]);
  const [staff, setStaff] = useState<Employee[]>([]);
  const [search, setSearch] = useState('');
  const found = useContactSearch(search, 50, audience.kind !== 'contacts');
  const [picked, setPicked] = useState<Contact[]>([]);
  const [numbers, setNumbers] = useState(audience.kind === 'chat_numbers' ? audience.numbers.join(', ') : '');
  useEffect(() => {
    void call(directoryRoutes.tags)
      .then((t) => setTags(t.items))
      .catch(() => setTags([]));
  }, []);
  useEffect(() => {
    if (audience.kind !== 'group_chats') return;
    void Promise.all([call(directoryRoutes.groupChats), call(directoryRoutes.employees)])
      .then(([g, e]) => {
        setGroupChats(g.items);
        setStaff(e.items);
      })
      .catch(() => undefined);
  }, [audience.kind]);
  useEffect(() => {
    if (!kinds.includes(audience.kind) && kinds[0]) onChange(emptyAudience(kinds[0]));
  }, [kinds, audience.kind, onChange]);

  return (
    <div className="audience-builder" data-testid="audience-builder">
      <SelectField
        label={t('audience.who')}
        aria-label={t('audience.label')}
        value={audience.kind}
        options={kinds.map((k) => ({ value: k, label: t(`audience.kind.${k}`) }))}
        onValue={(kind) => {
          setPicked([]);
          onChange(emptyAudience(kind));
        }}
      />
      {audience.kind === 'tags' && (
        <>
          <SelectField
            label={t('audience.match')}
            aria-label={t('audience.match')}
            value={audience.mode}
            options={(['any', 'all'] as const).map((mode) => ({ value: mode, label: t(`audience.${mode}`) }))}
            onValue={(mode) => onChange({ ...audience, mode })}
          />
          <Chips
            label={t('audience.tags')}
            items={tags}
            selected={audience.tagIds}
            onToggle={(id) =>
              onChange({
                ...audience,
                tagIds: toggle(audience.tagIds, id),
                excludeTagIds: audience.excludeTagIds.filter((x) => x !== id),
              })
            }
          />
          <span className="muted">{t('audience.except')}</span>
          <Chips
            label={t('audience.excluded')}
            items={tags.filter((tag) => !audience.tagIds.includes(tag.id))}
            selected={audience.excludeTagIds}
            onToggle={(id) => onChange({ ...audience, excludeTagIds: toggle(audience.excludeTagIds, id) })}
          />
        </>
      )}
      {audience.kind === 'segment' && (
        <SegmentPicker
          segmentId={audience.segmentId}
          onChange={(segmentId) => onChange({ kind: 'segment', segmentId })}
        />
      )}
      {audience.kind === 'accounts' && (
        <Chips
          label={t('audience.accounts')}
          items={accounts.map((a) => ({ id: a.id, name: a.name }))}
          selected={audience.channelAccountIds}
          onToggle={(id) => onChange({ ...audience, channelAccountIds: toggle(audience.channelAccountIds, id) })}
        />
      )}
      {audience.kind === 'contacts' && (
        <>
          <InputField
            label={t('audience.find')}
            aria-label={t('audience.find')}
            value={search}
            onValue={setSearch}
            placeholder={t('audience.findPlaceholder')}
          />
          <ul className="plain pick-list" aria-label={t('audience.results')}>
            {found.slice(0, 50).map((c) => (
              <li key={c.id}>
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={audience.contactIds.includes(c.id)}
                    onChange={() => {
                      setPicked((p) => (p.some((x) => x.id === c.id) ? p : [...p, c]));
                      onChange({ ...audience, contactIds: toggle(audience.contactIds, c.id) });
                    }}
                  />{' '}
                  {c.name}
                  {c.externalId ? <span className="muted"> · {c.externalId}</span> : null}
                </label>
              </li>
            ))}
          </ul>
          <p className="muted" data-testid="picked">
            {t('audience.picked', { count: audience.contactIds.length })}
            {picked.length
              ? `: ${picked
                  .filter((p) => audience.contactIds.includes(p.id))
                  .map((p) => p.name)
                  .slice(0, 5)
                  .join(', ')}`
              : ''}
          </p>
        </>
      )}
      {audience.kind === 'select_all' && (
        <>
          <InputField
            label={t('audience.nameContains')}
            aria-label={t('audience.nameContains')}
            value={audience.filter.search ?? ''}
            maxLength={200}
            onValue={(search) => onChange({ ...audience, filter: { ...audience.filter, search: search || undefined } })}
          />
          <Chips
            label={t('audience.withAnyTag')}
            items={tags}
            selected={audience.filter.tagIds}
            onToggle={(id) =>
              onChange({ ...audience, filter: { ...audience.filter, tagIds: toggle(audience.filter.tagIds, id) } })
            }
          />
        </>
      )}
      {audience.kind === 'chat_numbers' && (
        <TextAreaField
          label={t('audience.numbersText')}
          aria-label={t('audience.kind.chat_numbers')}
          value={numbers}
          rows={3}
          onValue={(text) => {
            setNumbers(text);
            onChange({
              kind: 'chat_numbers',
              numbers: [
                ...new Set(
                  text
                    .split(/[,\s，]+/)
                    .map((n) => n.trim())
                    .filter(Boolean),
                ),
              ],
            });
          }}
        />
      )}
      {audience.kind === 'group_chats' && (
        <>
          <Chips
            label={t('audience.kind.group_chats')}
            items={groupChats}
            selected={audience.groupChatIds}
            onToggle={(id) => onChange({ ...audience, groupChatIds: toggle(audience.groupChatIds, id) })}
          />
          <span className="muted">{t('audience.everyChatOf')}</span>
          <Chips
            label={t('nav.employees')}
            items={staff}
            selected={audience.allOfOwnerIds}
            onToggle={(id) => onChange({ ...audience, allOfOwnerIds: toggle(audience.allOfOwnerIds, id) })}
          />
        </>
      )}
    </div>
  );
}
