import { useEffect, useState } from 'react';
import {
  accountRoutes,
  directoryRoutes,
  segmentRoutes,
  type Account,
  type SegmentRecord,
  type Tag,
} from '@herald/api/contracts';
import { segmentDefinitionSchema, type SegmentCondition, type SegmentDefinition } from '@herald/engine';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useTranslation } from 'react-i18next';
import { ConditionRow, newCondition } from './segments/ConditionRow';
import { StatusBanner } from '../components/Banner';
import { PageHead } from '../components/PageHead';

const blank = (): SegmentDefinition => ({ match: 'all', groups: [{ match: 'all', conditions: [] }] });

/**
 * Segments: saved rules over contacts (tags, typed attributes, events in N days at least k times,
 * channel interaction) in AND/OR groups, with a live count while the rule is built. Journeys and
 * broadcasts use one as an audience, or as a trigger ("enters the segment").
 */
export function SegmentsPage() {
  const { t } = useTranslation();
  const [segments, setSegments] = useState<SegmentRecord[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [rule, setRule] = useState<SegmentDefinition>(blank);
  const [count, setCount] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const load = () =>
    call(segmentRoutes.list)
      .then((r) => setSegments(r.segments))
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  useEffect(() => {
    void load();
    void call(directoryRoutes.tags)
      .then((r) => setTags(r.items))
      .catch(() => setTags([]));
    void call(accountRoutes.list)
      .then((a) => setAccounts(a.items))
      .catch(() => setAccounts([]));
  }, []);
  const complete = segmentDefinitionSchema.safeParse(rule);
  const countable = complete.success && rule.groups.some((g) => g.conditions.length > 0);
  useEffect(() => {
    if (!countable) return;
    setCount(null);
    const timer = setTimeout(() => {
      void call(segmentRoutes.count, { body: { definition: rule } })
        .then((r) => setCount(r.count))
        .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
    }, 300);
    return () => clearTimeout(timer);
  }, [rule, countable]);

  const setGroup = (i: number, conditions: SegmentCondition[], match = rule.groups[i]!.match) =>
    setRule({ ...rule, groups: rule.groups.map((g, j) => (j === i ? { match, conditions } : g)) });
  const open = (s: SegmentRecord | null) => {
    setEditing(s?.id ?? 'new');
    setName(s?.name ?? '');
    setRule(s ? s.definition : blank());
    setMessage(null);
  };
  const save = async () => {
    try {
      const body = { name: name.trim(), definition: rule };
      const saved =
        editing && editing !== 'new'
          ? await call(segmentRoutes.update, { params: { id: editing }, body })
          : await call(segmentRoutes.create, { body });
      setEditing(saved.id);
      setMessage({ kind: 'ok', text: t('segments.saved', { name: saved.name }) });
      await load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };

  const remove = async () => {
    if (!editing || editing === 'new') return;
    try {
      await call(segmentRoutes.remove, { params: { id: editing } });
      setEditing(null);
      setMessage({ kind: 'ok', text: t('segments.deleted', { name }) });
      await load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };

  return (
    <div className="page">
      <PageHead title={t('nav.segments')}>
        <button type="button" className="primary" onClick={() => open(null)}>
          {t('segments.new')}
        </button>
      </PageHead>
      <ul className="plain" aria-label={t('nav.segments')}>
        {segments.map((s) => (
          <li key={s.id}>
            <button type="button" className="link" onClick={() => open(s)}>
              {s.name}
            </button>
          </li>
        ))}
      </ul>
      <StatusBanner message={message} testId="segments-banner" />
      {editing && (
        <section className="segment-editor" aria-label={t('segments.rule')}>
          <label>
            {t('segments.name')}
            <input
              aria-label={t('segments.nameLabel')}
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            {t('segments.whoMatch')}
            <select
              aria-label={t('segments.groupsMatch')}
              value={rule.match}
              onChange={(e) => setRule({ ...rule, match: e.target.value as 'all' | 'any' })}
            >
              <option value="all">{t('segments.groups.all')}</option>
              <option value="any">{t('segments.groups.any')}</option>
            </select>
          </label>
          {rule.groups.map((g, i) => (
            <fieldset key={i} className="segment-group" data-testid="segment-group">
              <legend>
                <select
                  aria-label={t('segments.groupMatch')}
                  value={g.match}
                  onChange={(e) => setGroup(i, g.conditions, e.target.value as 'all' | 'any')}
                >
                  <option value="all">{t('segments.group.all')}</option>
                  <option value="any">{t('segments.group.any')}</option>
                </select>
              </legend>
              {g.conditions.map((c, k) => (
                <ConditionRow
                  key={k}
                  condition={c}
                  tags={tags}
                  accounts={accounts}
                  onChange={(next) =>
                    setGroup(
                      i,
                      g.conditions.map((x, j) => (j === k ? next : x)),
                    )
                  }
                  onRemove={() =>
                    setGroup(
                      i,
                      g.conditions.filter((_, j) => j !== k),
                    )
                  }
                />
              ))}
              <div className="row">
                {(['tag', 'attribute', 'event', 'interaction'] as const).map((kind) => (
                  <button key={kind} type="button" onClick={() => setGroup(i, [...g.conditions, newCondition(kind)])}>
                    + {t(`segments.kind.${kind}`)}
                  </button>
                ))}
              </div>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() => setRule({ ...rule, groups: [...rule.groups, { match: 'all', conditions: [] }] })}
          >
            {t('segments.addGroup')}
          </button>
          <p className="muted" data-testid="segment-count" aria-live="polite">
            {!countable
              ? t('segments.incomplete')
              : count === null
                ? t('segments.counting')
                : t('segments.count', { count })}
          </p>
          <button type="button" className="primary" disabled={!countable || !name.trim()} onClick={() => void save()}>
            {t('segments.save')}
          </button>
          {editing !== 'new' && (
            <button type="button" className="link" onClick={() => void remove()}>
              {t('segments.remove')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
