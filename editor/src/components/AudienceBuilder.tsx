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

export { emptyAudience } from './audience-defaults';
export { Chips, toggle } from './Chips';

const kindLabels: Record<AudienceKind, string> = {
  all: 'Everyone on this account',
  tags: 'Contacts with tags',
  accounts: 'Followers of accounts',
  contacts: 'Contacts I pick',
  select_all: 'Everyone matching a search',
  segment: 'Contacts in a segment',
  chat_numbers: 'Chat numbers',
  group_chats: 'Group chats',
};

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
        Who
        <select
          aria-label="Audience"
          value={audience.kind}
          onChange={(e) => {
            setPicked([]);
            onChange(emptyAudience(e.target.value as AudienceKind));
          }}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      {audience.kind === 'tags' && (
        <>
          <label>
            Match
            <select
              aria-label="Match"
              value={audience.mode}
              onChange={(e) => onChange({ ...audience, mode: e.target.value as 'all' | 'any' })}
            >
              <option value="any">Any of the tags</option>
              <option value="all">All of the tags</option>
            </select>
          </label>
          <Chips
            label="Tags"
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
          <span className="muted">Except contacts tagged</span>
          <Chips
            label="Excluded tags"
            items={tags.filter((t) => !audience.tagIds.includes(t.id))}
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
          label="Accounts"
          items={accounts.map((a) => ({ id: a.id, name: a.name }))}
          selected={audience.channelAccountIds}
          onToggle={(id) => onChange({ ...audience, channelAccountIds: toggle(audience.channelAccountIds, id) })}
        />
      )}
      {audience.kind === 'contacts' && (
        <>
          <label>
            Find contacts
            <input
              aria-label="Find contacts"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Name or external id"
            />
          </label>
          <ul className="plain pick-list" aria-label="Search results">
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
            {audience.contactIds.length} picked
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
            Name contains
            <input
              aria-label="Name contains"
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
            label="With any of the tags"
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
          Chat numbers (comma separated)
          <textarea
            aria-label="Chat numbers"
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
            label="Group chats"
            items={groupChats}
            selected={audience.groupChatIds}
            onToggle={(id) => onChange({ ...audience, groupChatIds: toggle(audience.groupChatIds, id) })}
          />
          <span className="muted">And every group chat of</span>
          <Chips
            label="Employees"
            items={staff}
            selected={audience.allOfOwnerIds}
            onToggle={(id) => onChange({ ...audience, allOfOwnerIds: toggle(audience.allOfOwnerIds, id) })}
          />
        </>
      )}
    </div>
  );
}
