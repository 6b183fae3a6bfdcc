import { useEffect, useState } from 'react';
import { api, type BroadcastDetail, type Recipient } from '../api/client';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A broadcast's stats, progress and sending details, with the CSV export. */
export function BroadcastDetailPage({ id }: { id: string }) {
  const [detail, setDetail] = useState<BroadcastDetail | null>(null);
  const [recipients, setRecipients] = useState<Recipient[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    const load = () => void Promise.all([api.broadcast(id), api.recipients(id)]).then(([d, r]) => { setDetail(d); setRecipients(r.items); }).catch((e: Error) => setError(e.message));
    load();
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [id]);
  if (error) return <div className="page"><p className="banner error">{error}</p></div>;
  if (!detail) return <div className="page"><p className="loading">Loading…</p></div>;
  const s = detail.stats;
  const cards: Array<[string, string | number]> = [['Audience', s.total], ['Sent', s.sent], ['Delivered', s.delivered], ['Failed', s.failed], ['Skipped', s.skipped], ['Read rate', pct(s.readRate)], ['Reply rate', pct(s.replyRate)]];
  return (
    <div className="page">
      <header className="page-head"><h2 data-testid="broadcast-name">{detail.name}</h2><span className={`status status-${detail.status}`} data-testid="broadcast-status">{detail.status.replace('_', ' ')}</span>
        <span className="spacer" /><a className="button" href={`/api/broadcasts/${id}/export.csv`} download data-testid="export-csv">Download CSV</a></header>
      <div className="cards">{cards.map(([k, v]) => <div className="card" key={k} data-testid={`stat-${k.toLowerCase().replace(' ', '-')}`}><div className="card-label">{k}</div><div className="card-value">{v}</div></div>)}</div>
      <div className="progress" aria-label="Progress"><div style={{ width: pct(s.progress) }} /></div>
      {Object.keys(s.skippedByReason).length > 0 && <p className="muted">Skipped: {Object.entries(s.skippedByReason).map(([r, n]) => `${r} ${n}`).join(', ')}</p>}
      <h3>Sending details</h3>
      <table data-testid="recipients"><thead><tr><th>Contact</th><th>Recipient</th><th>Employee</th><th>Status</th><th>Reason</th><th>Sent</th></tr></thead>
        <tbody>{recipients.map((r) => <tr key={r.deliveryId}><td>{r.contactName}</td><td>{r.recipient ?? '—'}</td><td>{r.employee ?? '—'}</td><td>{r.status}</td><td>{r.reason ?? ''}</td><td>{r.sentAt ? new Date(r.sentAt).toLocaleString() : ''}</td></tr>)}</tbody>
      </table>
    </div>
  );
}
