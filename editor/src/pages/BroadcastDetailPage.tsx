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
import { recipientFilters } from '../words/broadcast-words';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const running = new Set(['pending', 'in_progress', 'paused']);

/** A broadcast's stats, progress, sends over time, employee and sending details, with the exports. */
export function BroadcastDetailPage({ id }: { id: string }) {
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
  if (!detail)
    return (
      <div className="page">
        {error ? (
          <p className="banner error" role="alert">
            {error}
          </p>
        ) : (
          <p className="loading">Loading…</p>
        )}
      </div>
    );
  const s = detail.stats;
  const sentAt = (recipients?.items ?? []).flatMap((r) => (r.sentAt ? [r.sentAt] : []));
  const chart = recipients ? (
    <SendsChart sentAt={sentAt} partial={recipients.more} />
  ) : (
    <p className="loading">Loading…</p>
  );
  return (
    <div className="page">
      <header className="page-head">
        <h2 data-testid="broadcast-name">{detail.name}</h2>
        <span className={`status status-${detail.status}`} data-testid="broadcast-status">
          {statusLabel(detail.status)}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setPreview((p) => !p)} aria-expanded={preview} data-testid="view-message">
          {preview ? 'Hide message' : 'View message'}
        </button>
        {(detail.status === 'pending' || detail.status === 'draft') && (
          <a className="button" href={`#/broadcasts/${id}/edit`}>
            Edit
          </a>
        )}
        <a className="button" href={`#/broadcasts/new?copy=${id}`}>
          Copy
        </a>
        <a className="button" href={`/api/broadcasts/${id}/export.csv`} download data-testid="export-csv">
          Download CSV
        </a>
        <a className="button" href={`/api/broadcasts/${id}/export.xlsx`} download data-testid="export-xlsx">
          Download XLSX
        </a>
      </header>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <section aria-label="The message">
          <p className="muted">{detail.content}</p>
          <MessagePreview messages={detail.messages} />
        </section>
      )}
      <StatCards stats={s} />
      {detail.waitingFor && (
        <p className="banner" data-testid="waiting-for">
          {detail.waitingFor}
        </p>
      )}
      {running.has(detail.status) && (
        <div className="progress-row">
          <div
            className="progress"
            role="progressbar"
            aria-label="Sending progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(s.progress * 100)}
            data-testid="progress"
          >
            <div style={{ width: pct(s.progress) }} />
          </div>
          <span className="muted">
            {detail.status === 'pending'
              ? `Waiting to send${detail.sendAt ? ` at ${new Date(detail.sendAt).toLocaleString()}` : ''}`
              : detail.localTime && s.sent + s.failed + s.skipped < s.total
                ? `${pct(s.progress)} · ${s.sent + s.failed + s.skipped} of ${s.total} · the others at ${detail.localTime} in their own zones`
                : `${pct(s.progress)} · ${s.sent + s.failed + s.skipped} of ${s.total}`}
            {detail.status === 'paused' ? ' · paused' : ''}
          </span>
        </div>
      )}
      {Object.keys(s.skippedByReason).length > 0 && (
        <p className="muted">
          Skipped:{' '}
          {Object.entries(s.skippedByReason)
            .map(([r, n]) => `${reasonLabel(r)}: ${n}`)
            .join(', ')}
        </p>
      )}
      {detail.localTime && (
        <p className="muted" data-testid="local-time">
          Sends at {detail.localTime} in each contact's time zone (the workspace's for contacts without one).
        </p>
      )}
      {variants.map((step) => (
        <section key={step.nodeId}>
          <h3>A/B test</h3>
          <VariantStats step={step} />
        </section>
      ))}
      <div className="detail-grid">
        <section>
          <h3>Sends over time</h3>
          {chart}
        </section>
        <section>
          <h3>Employee details</h3>
          <EmployeeTable rows={employees} />
        </section>
      </div>
      <h3>Sending details</h3>
      <select aria-label="Show recipients" value={filter} onChange={(e) => setFilter(e.target.value)}>
        {recipientFilters.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {!recipients ? (
        <p className="loading">Loading recipients…</p>
      ) : recipients.items.length === 0 ? (
        <p className="muted">
          {filter
            ? 'No recipients with this status.'
            : `No recipients yet${detail.status === 'pending' ? ': the audience is resolved at the send time' : ''}.`}
        </p>
      ) : (
        <table data-testid="recipients">
          <thead>
            <tr>
              <th>Contact</th>
              <th>Recipient</th>
              <th>Employee</th>
              <th>Status</th>
              <th>Reason</th>
              <th>Sent</th>
              <th>
                <span className="sr-only">Conversation</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {recipients.items.map((r) => (
              <tr key={r.deliveryId}>
                <td>{r.contactName}</td>
                <td>{r.recipient ?? '—'}</td>
                <td>{r.employee ?? '—'}</td>
                <td>{statusLabel(r.status)}</td>
                <td>{reasonLabel(r.reason)}</td>
                <td>{r.sentAt ? new Date(r.sentAt).toLocaleString() : ''}</td>
                <td>
                  {detail.type === 'contacts' && (
                    <a href={`#/contacts/${r.contactId}/timeline`} aria-label={`Chat with ${r.contactName}`}>
                      chat
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recipients?.more && <p className="muted">Showing the first 1,000 recipients; the downloads hold all of them.</p>}
      <EmailExportForm broadcastId={id} name={detail.name} />
    </div>
  );
}
