import { useState } from 'react';
import { broadcastRoutes, type BroadcastItem, type BroadcastSortColumn } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useConfirm } from '../components/ConfirmDialog';
import type { Column } from '../lists/DataTable';
import { PagedTable } from '../lists/PagedTable';
import { actionsColumn } from '../lists/RowActions';
import { usePagedList } from '../lists/usePagedList';
import { broadcastTypeLabel, methodLabel, sendTypeLabel, statusLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { ErrorBanner } from '../components/Banner';
import { Select } from '../components/Field';
import { SearchBox, useSearch } from '../lists/SearchBox';
import { PageHead } from '../components/PageHead';

const statuses = ['draft', 'pending', 'in_progress', 'paused', 'canceled', 'completed', 'failed'] as const;
const firsts = ['sending', 'sent', 'not_processed'] as const;
type Action = 'pause' | 'resume' | 'cancel';
/** The statuses a broadcast can be paused, cancelled and edited in. */
const pausable = new Set<string>(['pending', 'in_progress']);
const cancelable = new Set<string>(['pending', 'in_progress', 'paused']);
const editable = new Set<string>(['pending', 'draft']);

/** The broadcast list: search name and content, filter by status, sort by any column, page through all. */
export function BroadcastsPage() {
  const { t } = useTranslation();
  const search = useSearch();
  const [status, setStatus] = useState<(typeof statuses)[number] | ''>('');
  const [first, setFirst] = useState<(typeof firsts)[number] | ''>('');
  const { confirm, dialog } = useConfirm();
  const list = usePagedList<BroadcastSortColumn, BroadcastItem>(
    { sort: 'createdAt', dir: 'desc', offset: 0, limit: 50 },
    (page) =>
      call(broadcastRoutes.list, {
        query: {
          ...page,
          ...search.query,
          ...(status ? { status } : {}),
          ...(first ? { statusFirst: first } : {}),
        },
      }),
    [search.text, status, first],
  );
  const act = async (b: BroadcastItem, action: Action) => {
    if (
      action === 'cancel' &&
      !(await confirm({
        title: t('broadcasts.cancelTitle', { name: b.name }),
        body: t('broadcasts.cancelBody'),
        confirm: t('broadcasts.cancelConfirm'),
        danger: true,
      }))
    )
      return;
    try {
      await call(broadcastRoutes[action], { params: { id: b.id } });
      list.reload();
    } catch (e) {
      list.setError(errorText(e));
    }
  };
  const offset = list.rows?.offset ?? 0;
  const columns: Array<Column<BroadcastItem, BroadcastSortColumn>> = [
    {
      label: t('broadcasts.columns.number'),
      cell: (b) => offset + (list.rows?.items.indexOf(b) ?? 0) + 1,
      className: 'num',
    },
    { label: t('broadcasts.columns.name'), sort: 'name', cell: (b) => <a href={`#/broadcasts/${b.id}`}>{b.name}</a> },
    { label: t('broadcasts.columns.content'), sort: 'content', cell: (b) => b.content, className: 'clip' },
    { label: t('broadcasts.columns.method'), sort: 'method', cell: (b) => methodLabel(b.method) },
    { label: t('broadcasts.columns.type'), sort: 'type', cell: (b) => broadcastTypeLabel(b.type) },
    { label: t('broadcasts.columns.sendType'), sort: 'sendType', cell: (b) => sendTypeLabel(b.sendType) },
    { label: t('broadcasts.columns.sendAt'), sort: 'sendAt', cell: (b) => (b.sendAt ? formatDateTime(b.sendAt) : '—') },
    {
      label: t('broadcasts.columns.status'),
      sort: 'status',
      cell: (b) => <span className={`status status-${b.status}`}>{statusLabel(b.status)}</span>,
    },
    {
      label: t('broadcasts.columns.total'),
      cell: (b) => (b.total === null ? '—' : formatNumber(b.total)),
      className: 'num',
    },
    {
      label: t('broadcasts.columns.completed'),
      cell: (b) => (b.completed === null ? '—' : formatNumber(b.completed)),
      className: 'num',
    },
    { label: t('broadcasts.columns.createdBy'), sort: 'createdBy', cell: (b) => b.createdBy ?? 'API' },
    { label: t('broadcasts.columns.createdAt'), sort: 'createdAt', cell: (b) => formatDate(b.createdAt) },
    { label: t('broadcasts.columns.updatedBy'), sort: 'updatedBy', cell: (b) => b.updatedBy ?? 'API' },
    actionsColumn(
      [
        { label: t('broadcasts.pause'), when: (b) => pausable.has(b.status), act: (b) => void act(b, 'pause') },
        { label: t('broadcasts.resume'), when: (b) => b.status === 'paused', act: (b) => void act(b, 'resume') },
        { label: t('common.cancel'), when: (b) => cancelable.has(b.status), act: (b) => void act(b, 'cancel') },
        { label: t('common.edit'), when: (b) => editable.has(b.status), href: (b) => `#/broadcasts/${b.id}/edit` },
        // A copy opens the form filled in: nothing is sent until the user creates it.
        { label: t('broadcasts.copy'), href: (b) => `#/broadcasts/new?copy=${b.id}` },
      ],
      { label: t('broadcasts.columns.operations') },
    ),
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.broadcasts')}>
        <SearchBox search={search} label={t('broadcasts.search')} placeholder={t('broadcasts.searchPlaceholder')} />
        <Select<typeof status>
          aria-label={t('broadcasts.columns.status')}
          value={status}
          blank={t('broadcasts.allStatuses')}
          options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
          onValue={setStatus}
        />
        <Select<typeof first>
          aria-label={t('broadcasts.showFirst')}
          value={first}
          blank={t('broadcasts.newestFirst')}
          options={firsts.map((f) => ({ value: f, label: t(`broadcasts.first.${f}`) }))}
          onValue={setFirst}
        />
        <span className="spacer" />
        <a className="button primary" href="#/broadcasts/new">
          {t('broadcasts.new')}
        </a>
      </PageHead>
      <ErrorBanner text={list.error} />
      <PagedTable
        list={list}
        columns={columns}
        rowKey={(b) => b.id}
        testId="broadcast-list"
        empty={search.text || status ? t('broadcasts.noneMatch') : t('broadcasts.none')}
      />
      {dialog}
    </div>
  );
}
