import { useState } from 'react';
import { broadcastRoutes, type BroadcastItem, type BroadcastSortColumn } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useConfirm } from '../components/ConfirmDialog';
import { DataTable, Pager, type Column } from '../lists/DataTable';
import { usePagedList } from '../lists/usePagedList';
import { broadcastTypeLabel, methodLabel, sendTypeLabel, statusLabel } from '../words/labels';
import { chatColumns, statusFirstLabel } from '../words/broadcast-words';

const statuses = ['draft', 'pending', 'in_progress', 'paused', 'canceled', 'completed', 'failed'] as const;
const firsts = ['sending', 'sent', 'not_processed'] as const;
type Action = 'pause' | 'resume' | 'cancel';

/** The broadcast list: search name and content, filter by status, sort by any column, page through all. */
export function BroadcastsPage() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<(typeof statuses)[number] | ''>('');
  const [first, setFirst] = useState<(typeof firsts)[number] | ''>('');
  const { confirm, dialog } = useConfirm();
  const list = usePagedList<BroadcastSortColumn, BroadcastItem>(
    { sort: 'createdAt', dir: 'desc', offset: 0, limit: 50 },
    (page) =>
      call(broadcastRoutes.list, {
        query: {
          ...page,
          ...(search.trim() ? { search: search.trim() } : {}),
          ...(status ? { status } : {}),
          ...(first ? { statusFirst: first } : {}),
        },
      }),
    [search, status, first],
  );
  const act = async (b: BroadcastItem, action: Action) => {
    if (
      action === 'cancel' &&
      !(await confirm({
        title: `Cancel “${b.name}”?`,
        body: 'Nobody else will receive it, and a canceled broadcast cannot be resumed. What was sent stays sent.',
        confirm: 'Cancel the broadcast',
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
    { label: chatColumns.number, cell: (b) => offset + (list.rows?.items.indexOf(b) ?? 0) + 1, className: 'num' },
    { label: 'Name', sort: 'name', cell: (b) => <a href={`#/broadcasts/${b.id}`}>{b.name}</a> },
    { label: 'Content', sort: 'content', cell: (b) => b.content, className: 'clip' },
    { label: 'Method', sort: 'method', cell: (b) => methodLabel(b.method) },
    { label: 'Type', sort: 'type', cell: (b) => broadcastTypeLabel(b.type) },
    { label: 'Send type', sort: 'sendType', cell: (b) => sendTypeLabel(b.sendType) },
    { label: 'Send time', sort: 'sendAt', cell: (b) => (b.sendAt ? new Date(b.sendAt).toLocaleString() : '—') },
    {
      label: 'Status',
      sort: 'status',
      cell: (b) => <span className={`status status-${b.status}`}>{statusLabel(b.status)}</span>,
    },
    { label: chatColumns.total, cell: (b) => b.total ?? '—', className: 'num' },
    { label: chatColumns.completed, cell: (b) => b.completed ?? '—', className: 'num' },
    { label: 'Created by', sort: 'createdBy', cell: (b) => b.createdBy ?? 'API' },
    { label: 'Created', sort: 'createdAt', cell: (b) => new Date(b.createdAt).toLocaleDateString() },
    { label: 'Updated by', sort: 'updatedBy', cell: (b) => b.updatedBy ?? 'API' },
    {
      label: 'Operations',
      className: 'ops',
      cell: (b) => (
        <>
          {(b.status === 'in_progress' || b.status === 'pending') && (
            <button type="button" onClick={() => void act(b, 'pause')}>
              Pause
            </button>
          )}
          {b.status === 'paused' && (
            <button type="button" onClick={() => void act(b, 'resume')}>
              Resume
            </button>
          )}
          {['pending', 'in_progress', 'paused'].includes(b.status) && (
            <button type="button" onClick={() => void act(b, 'cancel')}>
              Cancel
            </button>
          )}
          {(b.status === 'pending' || b.status === 'draft') && (
            <a className="button" href={`#/broadcasts/${b.id}/edit`}>
              Edit
            </a>
          )}
          {/* A copy opens the form filled in: nothing is sent until the user creates it. */}
          <a className="button" href={`#/broadcasts/new?copy=${b.id}`}>
            Copy
          </a>
        </>
      ),
    },
  ];
  const rows = list.rows;
  return (
    <div className="page">
      <header className="page-head">
        <h2>Broadcasts</h2>
        <input
          aria-label="Search broadcasts"
          placeholder="Search name or content"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">All statuses</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
        <select aria-label="Show first" value={first} onChange={(e) => setFirst(e.target.value as typeof first)}>
          <option value="">Newest first</option>
          {firsts.map((f) => (
            <option key={f} value={f}>
              {statusFirstLabel(f)}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <a className="button primary" href="#/broadcasts/new">
          New broadcast
        </a>
      </header>
      {list.error && (
        <p className="banner error" role="alert">
          {list.error}
        </p>
      )}
      {!rows ? (
        <p className="loading">Loading…</p>
      ) : rows.total === 0 ? (
        <p className="muted">{search || status ? 'No broadcasts match.' : 'No broadcasts yet.'}</p>
      ) : (
        <>
          <DataTable
            testId="broadcast-list"
            columns={columns}
            rows={rows.items}
            rowKey={(b) => b.id}
            sort={list.page.sort}
            dir={list.page.dir}
            onSort={list.sortBy}
          />
          <Pager offset={rows.offset} limit={list.page.limit} total={rows.total} onPage={list.goTo} />
        </>
      )}
      {dialog}
    </div>
  );
}
