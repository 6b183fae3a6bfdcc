import { useState, type FormEvent } from 'react';
import { broadcastRoutes } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useTranslation } from 'react-i18next';

const split = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** Emails the recipients export (CSV or XLSX) with a subject to chosen addresses. */
export function EmailExportForm({ broadcastId, name }: { broadcastId: string; name: string }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(() => t('broadcasts.email.subjectDefault', { name }));
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
        text: t('broadcasts.email.done', {
          rows: result.rows,
          format: format.toUpperCase(),
          to: addresses.join(', '),
        }),
      });
    } catch (error) {
      setState({ kind: 'error', text: errorText(error) });
    }
  };
  return (
    <form className="email-export" onSubmit={(e) => void submit(e)} aria-label={t('broadcasts.email.title')}>
      <h3>{t('broadcasts.email.title')}</h3>
      <div className="row">
        <label>
          {t('broadcasts.email.subject')}
          <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} />
        </label>
        <label>
          {t('broadcasts.email.to')}
          <input
            value={to}
            onChange={(e) => setTo(e.target.value)}
            placeholder="ops@example.com, boss@example.com"
            aria-invalid={bad.length > 0}
          />
        </label>
        <label className="narrow">
          {t('broadcasts.email.format')}
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
          {state.kind === 'sending' ? t('broadcasts.email.sending') : t('broadcasts.email.send')}
        </button>
      </div>
      {bad.length > 0 && <p className="field-error">{t('broadcasts.email.bad', { list: bad.join(', ') })}</p>}
      {addresses.length > 20 && <p className="field-error">{t('broadcasts.email.tooMany', { n: 20 })}</p>}
      {(state.kind === 'ok' || state.kind === 'error') && (
        <p className={`banner ${state.kind}`} role="status" data-testid="email-export-result">
          {state.text}
        </p>
      )}
    </form>
  );
}
