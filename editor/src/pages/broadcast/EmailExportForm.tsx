import { useState, type FormEvent } from 'react';
import { broadcastRoutes } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';

const split = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** Emails the recipients export (CSV or XLSX) with a subject to chosen addresses. */
export function EmailExportForm({ broadcastId, name }: { broadcastId: string; name: string }) {
  const [subject, setSubject] = useState(`Broadcast report: ${name}`);
  const [to, setTo] = useState('');
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'ok' | 'error'; text?: string }>({ kind: 'idle' });
  const addresses = split(to);
  const bad = addresses.filter((a) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ kind: 'sending' });
    try {
      const result = await call(broadcastRoutes.emailExport, {
        params: { id: broadcastId },
        body: { format, to: addresses, subject: subject.trim() },
      });
      setState({
        kind: 'ok',
        text: `Emailed ${result.rows} row(s) as ${format.toUpperCase()} to ${addresses.join(', ')}.`,
      });
    } catch (error) {
      setState({ kind: 'error', text: errorText(error) });
    }
  };
  return (
    <form className="email-export" onSubmit={(e) => void submit(e)} aria-label="Email the export">
      <h3>Email the export</h3>
      <div className="row">
        <label>
          Subject
          <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} />
        </label>
        <label>
          To (comma-separated)
          <input
            value={to}
            onChange={(e) => setTo(e.target.value)}
            placeholder="ops@example.com, boss@example.com"
            aria-invalid={bad.length > 0}
          />
        </label>
        <label className="narrow">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')}>
            <option value="xlsx">XLSX</option>
            <option value="csv">CSV</option>
          </select>
        </label>
        <button
          type="submit"
          disabled={
            state.kind === 'sending' ||
            addresses.length === 0 ||
            addresses.length > 20 ||
            bad.length > 0 ||
            !subject.trim()
          }
        >
          {state.kind === 'sending' ? 'Sending…' : 'Email it'}
        </button>
      </div>
      {bad.length > 0 && <p className="field-error">Not an email address: {bad.join(', ')}</p>}
      {addresses.length > 20 && <p className="field-error">At most 20 addresses.</p>}
      {(state.kind === 'ok' || state.kind === 'error') && (
        <p className={`banner ${state.kind}`} role="status" data-testid="email-export-result">
          {state.text}
        </p>
      )}
    </form>
  );
}
