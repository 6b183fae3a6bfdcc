import { useEffect, useState, type FormEvent } from 'react';
import { auditRoutes, governanceRoutes, type AuditItem, type AuditQuery } from '@herald/api/contracts';
import { call, urlOf } from '../api/client';
import { errorText } from '../api/error-text';
import { whenLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { textOf } from '../i18n/i18n';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { Select } from '../components/Field';
import { PageHead } from '../components/PageHead';

type Filters = { actor: string; resource: string; action: string; from: string; to: string };
const empty: Filters = { actor: '', resource: '', action: '', from: '', to: '' };
const resources = [
  'journeys',
  'broadcasts',
  'contacts',
  'tags',
  'channel-accounts',
  'employees',
  'group-chats',
  'materials',
  'members',
  'invitations',
  'api-keys',
  'approvals',
  'workspace',
  'session',
];
/** A resource's name in the editor's language ("channel-accounts" → "Channel accounts"); unknown ones as written. */
const resourceWord = (r: string) => textOf(`audit.resource.${r}`) ?? r;

/** The filters as the API takes them (dates from the day's start to its end, in the browser's zone). */
function queryOf(f: Filters): Omit<AuditQuery, 'before' | 'limit'> {
  return {
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.resource ? { resource: f.resource } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00`).toISOString() } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59`).toISOString() } : {}),
  };
}

/** A write's changes in a line each: `field: before → after`, or what it was given. */
function Changes({ summary }: { summary: Record<string, unknown> }) {
  const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  const before = (summary.before ?? {}) as Record<string, unknown>;
  const after = (summary.after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const rest = Object.entries(summary).filter(([k]) => k !== 'before' && k !== 'after');
  return (
    <ul className="small" style={{ margin: 0, paddingLeft: 16 }}>
      {fields.slice(0, 8).map((f) => (
        <li key={f}>
          {f}: {f in before ? `${show(before[f])} → ` : ''}
          {show(after[f])}
        </li>
      ))}
      {rest.map(([k, v]) => (
        <li key={k}>
          {k}: {show(v)}
        </li>
      ))}
    </ul>
  );
}

/** The audit trail: who changed what, when and from where; filtered, paged, and exported as CSV. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(empty);
  const [applied, setApplied] = useState<Filters>(empty);
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [retention, setRetention] = useState<string>('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const fail = (e: unknown) => setMessage({ kind: 'error', text: errorText(e) });
  const load = async (f: Filters, before?: number) => {
    try {
      const page = await call(auditRoutes.list, {
        query: { ...queryOf(f), ...(before ? { before } : {}), limit: 100 },
      });
      setItems((old) => (before ? [...(old ?? []), ...page.items] : page.items));
      setNext(page.nextBefore);
    } catch (e) {
      fail(e);
    }
  };
  useEffect(() => {
    void load(empty);
    call(governanceRoutes.policies)
      .then((p) => setRetention(String(p.auditRetentionDays)))
      .catch(fail);
  }, []);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(filters);
    void load(filters);
  };
  const saveRetention = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const policies = await call(governanceRoutes.policies);
      const saved = await call(governanceRoutes.savePolicies, {
        body: { ...policies, auditRetentionDays: Number(retention) },
      });
      setMessage({ kind: 'ok', text: t('audit.kept', { count: saved.auditRetentionDays }) });
    } catch (err) {
      fail(err);
    }
  };
  const setTo = (k: keyof Filters) => (value: string) => setFilters({ ...filters, [k]: value });
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setTo(k)(e.target.value);
  const columns: Column<AuditItem, never>[] = [
    { label: t('audit.when'), cell: (i) => whenLabel(i.at) },
    { label: t('audit.who'), cell: (i) => i.actorName },
    { label: t('audit.ip'), cell: (i) => i.ip },
    {
      label: t('audit.what'),
      cell: (i) => (
        <>
          {resourceWord(i.resource)} · {i.action.replace(/_/g, ' ')}
          {i.resourceId && <div className="muted small">{i.resourceId}</div>}
        </>
      ),
    },
    { label: t('audit.changes'), cell: (i) => <Changes summary={i.summary} /> },
  ];
  return (
    <div className="page">
      <PageHead title={t('audit.title')}>
        <span className="spacer" />
        <a className="button" href={urlOf(auditRoutes.export, {}, queryOf(applied))} data-testid="audit-export">
          {t('audit.export')}
        </a>
      </PageHead>
      <form className="row" onSubmit={apply} data-testid="audit-filters">
        <input
          aria-label={t('audit.who')}
          placeholder={t('audit.whoPlaceholder')}
          value={filters.actor}
          onChange={set('actor')}
        />
        <Select
          aria-label={t('audit.what')}
          value={filters.resource}
          blank={t('audit.anything')}
          options={resources.map((r) => ({ value: r, label: resourceWord(r) }))}
          onValue={setTo('resource')}
        />
        <input
          aria-label={t('audit.action')}
          placeholder={t('audit.actionPlaceholder')}
          value={filters.action}
          onChange={set('action')}
        />
        <input aria-label={t('audit.from')} type="date" value={filters.from} onChange={set('from')} />
        <input aria-label={t('audit.to')} type="date" value={filters.to} onChange={set('to')} />
        <button type="submit" className="primary">
          {t('audit.filter')}
        </button>
      </form>
      <StatusBanner message={message} />
      <ListTable
        items={items}
        testId="audit-table"
        columns={columns}
        rowProps={(i) => ({ 'data-testid': 'audit-row', 'data-what': `${i.resource} ${i.action}` })}
      />
      {next !== null && (
        <button type="button" onClick={() => void load(applied, next)}>
          {t('audit.older')}
        </button>
      )}
      <form className="row" style={{ marginTop: 16 }} onSubmit={(e) => void saveRetention(e)}>
        <label className="small">
          {t('audit.keep')}{' '}
          <input
            aria-label={t('audit.retention')}
            type="number"
            min={1}
            max={3650}
            style={{ width: 90 }}
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
          />{' '}
          {t('audit.days')}
        </label>
        <button type="submit">{t('common.save')}</button>
      </form>
    </div>
  );
}
