import { useEffect, useState } from 'react';
import {
  broadcastRoutes,
  experimentRoutes,
  type VariantReport,
  type BroadcastDetail,
  type EmployeeStatsRow as EmployeeRow,
  type Recipient,
} from '@herald/api/contracts';
import { call } from '../api/client';
import { reasonLabel, statusLabel } from '../words/labels';
import { errorText } from '../api/error-text';
import { VariantStats } from '../components/VariantStats';
import { EmailExportForm } from './broadcast/EmailExportForm';
import { EmployeeTable } from './broadcast/EmployeeTable';
import { SendsChart } from './broadcast/SendsChart';
import { StatCards } from './broadcast/StatCards';
import { MessagePreview } from '../canvas/MessagePreview';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, formatPercent } from '../i18n/format';
import { ErrorBanner, ListBody, Loading, PageLoading } from '../components/Banner';
import { DataTable, type Column } from '../lists/DataTable';

const pct = (x: number) => formatPercent(x, 0);
/** The recipient filter's statuses ('' for all). */
const recipientFilters = ['', 'failed', 'skipped', 'pending_employee', 'delivered'] as const;
const running = new Set(['pending', 'in_progress', 'paused']);

/** A broadcast's stats, progress, sends over time, employee and sending details, with the exports. */
export function BroadcastDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<BroadcastDetail | null>(null);
  const [recipients, setRecipients] = useState<{ items: Recipient[]; more: boolean } | null>(null);
  const [employees, setEmployees] = useState<EmployeeRow[] | null>(null);
  const [variants, setVariants] = useState<VariantReport['steps']>([]);
  const [error, setError] = useState('');
  const [filter, setFilter] = useState('');
  const [preview, setPreview] = useState(false);
  // Messages waiting for their employees still move after the run ends.
  const live = detail === null || running.has(detail.status) || detail.stats.pendingEmployee > 0;
  useEffect(() => {
    let alive = true;
    const load = () =>
      void Promise.all([
        call(broadcastRoutes.get, { params: { id } }),
        call(broadcastRoutes.recipients, {
          params: { id },
          query: { limit: 1000, ...(filter ? { status: filter } : {}) },
        }),
        call(broadcastRoutes.employees, { params: { id } }),
        call(experimentRoutes.broadcast, { params: { id } }),
      ])
        .then(([d, r, e, v]) => {
          if (!alive) return;
          setDetail(d);
          setVariants(v.steps);
          setRecipients({ items: r.items, more: r.nextCursor !== null });
          setEmployees(e.items);
          setError('');
        })
        .catch((e: unknown) => {
          if (alive) setError(errorText(e));
        });
    load();
    // Refreshed while it can still change; a finished broadcast is read once.
    const timer = live ? setInterval(load, 2000) : undefined;
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [id, live, filter]);
  if (!detail) return <PageLoading error={error} />;
  const s = detail.stats;
  const sentAt = (recipients?.items ?? []).flatMap((r) => (r.sentAt ? [r.sentAt] : []));
  const chart = recipients ? <SendsChart sentAt={sentAt} partial={recipients.more} /> : <Loading />;
  const recipientColumns: Column<NonNullable<typeof recipients>['items'][number], never>[] = [
    { label: t('broadcasts.detail.contact'), cell: (r) => r.contactName },
    { label: t('broadcasts.detail.recipient'), cell: (r) => r.recipient ?? '—' },
    { label: t('broadcasts.employees.employee'), cell: (r) => r.employee ?? '—' },
    { label: t('broadcasts.columns.status'), cell: (r) => statusLabel(r.status) },
    { label: t('broadcasts.detail.reason'), cell: (r) => reasonLabel(r.reason) },
    { label: t('broadcasts.cards.sent'), cell: (r) => (r.sentAt ? formatDateTime(r.sentAt) : '') },
    {
      label: <span className="sr-only">{t('broadcasts.detail.conversation')}</span>,
      cell: (r) =>
        detail.type === 'contacts' && (
          <a
            href={`#/contacts/${r.contactId}/timeline`}
            aria-label={t('broadcasts.detail.chatWith', { name: r.contactName })}
          >
            {t('broadcasts.detail.chat')}
          </a>
        ),
    },
  ];
  return (
    <div className="page">
      <header className="page-head">
        <h2 data-testid="broadcast-name">{detail.name}</h2>
        <span className={`status status-${detail.status}`} data-testid="broadcast-status">
          {statusLabel(detail.status)}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setPreview((p) => !p)} aria-expanded={preview} data-testid="view-message">
          {preview ? t('broadcasts.detail.hideMessage') : t('broadcasts.detail.viewMessage')}
        </button>
        {(detail.status === 'pending' || detail.status === 'draft') && (
          <a className="button" href={`#/broadcasts/${id}/edit`}>
            {t('common.edit')}
          </a>
        )}
        <a className="button" href={`#/broadcasts/new?copy=${id}`}>
          {t('broadcasts.copy')}
        </a>
        <a className="button" href={`/api/broadcasts/${id}/export.csv`} download data-testid="export-csv">
          {t('broadcasts.detail.download', { format: 'CSV' })}
        </a>
        <a className="button" href={`/api/broadcasts/${id}/export.xlsx`} download data-testid="export-xlsx">
          {t('broadcasts.detail.download', { format: 'XLSX' })}
        </a>
      </header>
      <ErrorBanner text={error} />
      {preview && (
        <section aria-label={t('broadcasts.detail.message')}>
          <p className="muted">{detail.content}</p>
          <MessagePreview messages={detail.messages} />
        </section>
      )}
      <StatCards stats={s} />
      {detail.waitingFor && (
        <p className="banner" data-testid="waiting-for">
          {/* The API's sentence is English; the same numbers, in the editor's language. */}
          {s.rateLimited > 0
            ? t('broadcasts.detail.rateLimited', { recipients: formatNumber(s.rateLimited) })
            : t('broadcasts.detail.waitingFor', {
                recipients: formatNumber(s.pendingEmployee),
                employees: formatNumber(s.employees.asked - s.employees.sent),
              })}
        </p>
      )}
      {running.has(detail.status) && (
        <div className="progress-row">
          <div
            className="progress"
            role="progressbar"
            aria-label={t('broadcasts.detail.progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(s.progress * 100)}
            data-testid="progress"
          >
            <div style={{ width: pct(s.progress) }} />
          </div>
          <span className="muted">
            {detail.status === 'pending'
              ? detail.sendAt
                ? t('broadcasts.detail.waitingAt', { at: formatDateTime(detail.sendAt) })
                : t('broadcasts.detail.waiting')
              : t('broadcasts.detail.done', {
                  pct: pct(s.progress),
                  done: formatNumber(s.sent + s.failed + s.skipped),
                  total: formatNumber(s.total),
                })}
            {detail.localTime && detail.status !== 'pending' && s.sent + s.failed + s.skipped < s.total
              ? t('broadcasts.detail.othersAt', { time: detail.localTime })
              : ''}
            {detail.status === 'paused' ? t('broadcasts.detail.paused') : ''}
          </span>
        </div>
      )}
      {Object.keys(s.skippedByReason).length > 0 && (
        <p className="muted">
          {t('broadcasts.detail.skipped', {
            list: Object.entries(s.skippedByReason)
              .map(([r, n]) => t('broadcasts.detail.reasonCount', { reason: reasonLabel(r), n: formatNumber(n) }))
              .join(t('broadcasts.detail.listSeparator')),
          })}
        </p>
      )}
      {detail.localTime && (
        <p className="muted" data-testid="local-time">
          {t('broadcasts.detail.localTime', { time: detail.localTime })}
        </p>
      )}
      {variants.map((step) => (
        <section key={step.nodeId}>
          <h3>{t('composer.variants.legend')}</h3>
          <VariantStats step={step} />
        </section>
      ))}
      <div className="detail-grid">
        <section>
          <h3>{t('broadcasts.detail.overTime')}</h3>
          {chart}
        </section>
        <section>
          <h3>{t('broadcasts.detail.employees')}</h3>
          <EmployeeTable rows={employees} />
        </section>
      </div>
      <h3>{t('broadcasts.detail.sending')}</h3>
      <select aria-label={t('broadcasts.detail.show')} value={filter} onChange={(e) => setFilter(e.target.value)}>
        {recipientFilters.map((value) => (
          <option key={value} value={value}>
            {value ? statusLabel(value) : t('broadcasts.detail.all')}
          </option>
        ))}
      </select>
      <ListBody
        items={recipients?.items}
        loading={t('broadcasts.detail.loadingRecipients')}
        empty={
          filter
            ? t('broadcasts.detail.noneWithStatus')
            : detail.status === 'pending'
              ? t('broadcasts.detail.noneYetPending')
              : t('broadcasts.detail.noneYet')
        }
      >
        {(rows) => (
          <DataTable testId="recipients" columns={recipientColumns} rows={rows} rowKey={(r) => r.deliveryId} />
        )}
      </ListBody>
      {recipients?.more && <p className="muted">{t('broadcasts.detail.firstOnly', { n: formatNumber(1000) })}</p>}
      <EmailExportForm broadcastId={id} name={detail.name} />
    </div>
  );
}
