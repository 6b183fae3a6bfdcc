import { useEffect, useState } from 'react';
import type { Audience, AudienceKind } from '@herald/engine';
import {
  contactRoutes,
  directoryRoutes,
  type Account,
  type ContactListItem as Contact,
  type Employee,
  type GroupChat,
  type Tag,
} from '@herald/api/contracts';
import { call } from '../api/client';
import { emptyAudience } from './audience-defaults';
import { Chips, toggle } from './Chips';
import { SegmentPicker } from './SegmentPicker';
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
  const [found, setFound] = useState<Contact[]>([]);
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
    if (audience.kind !== 'contacts') return;
    const timer = setTimeout(() => {
      void call(contactRoutes.list, { query: { ...(search.trim() ? { search: search.trim() } : {}), limit: 50 } })
        .then((r) => setFound(r.items))
        .catch(() => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [audience.kind, search]);
  useEffect(() => {
    if (!kinds.includes(audience.kind) && kinds[0]) onChange(emptyAudience(kinds[0]));
  }, [kinds, audience.kind, onChange]);

  return (
    <div className="audience-builder" data-testid="audience-builder">
      <label>
        {t('audience.who')}
        <select
          aria-label={t('audience.label')}
          value={audience.kind}
          onChange={(e) => {
            setPicked([]);
            onChange(emptyAudience(e.target.value as AudienceKind));
          }}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`audience.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {audience.kind === 'tags' && (
        <>
          <label>
            {t('audience.match')}
            <select
              aria-label={t('audience.match')}
              value={audience.mode}
              onChange={(e) => onChange({ ...audience, mode: e.target.value as 'all' | 'any' })}
            >
              <option value="any">{t('audience.any')}</option>
              <option value="all">{t('audience.all')}</option>
            </select>
          </label>
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
          <label>
            {t('audience.find')}
            <input
              aria-label={t('audience.find')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={t('audience.findPlaceholder')}
            />
          </label>
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
          <label>
            {t('audience.nameContains')}
            <input
              aria-label={t('audience.nameContains')}
              value={audience.filter.search ?? ''}
              maxLength={200}
              onChange={(e) =>
                onChange({
                  ...audience,
                  filter: {
                    ...audience.filter,
                    ...(e.target.value ? { search: e.target.value } : { search: undefined }),
                  },
                })
              }
            />
          </label>
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
        <label>
          {t('audience.numbersText')}
          <textarea
            aria-label={t('audience.kind.chat_numbers')}
            value={numbers}
            rows={3}
            onChange={(e) => {
              setNumbers(e.target.value);
              onChange({
                kind: 'chat_numbers',
                numbers: [
                  ...new Set(
                    e.target.value
                      .split(/[,\s，]+/)
                      .map((n) => n.trim())
                      .filter(Boolean),
                  ),
                ],
              });
            }}
          />
        </label>
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
