import { useEffect, useState, type FormEvent } from 'react';
import { allows, governanceRoutes, type ApprovalItem, type WorkspacePolicies } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { statusLabel, whenLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import type { Me } from '../App';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { PageHead } from '../components/PageHead';

type Message = { kind: 'ok' | 'error'; text: string } | null;

/** One waiting request, with the admin's comment and their two answers. */
function PendingRow({ item, canDecide, onDone }: { item: ApprovalItem; canDecide: boolean; onDone(m: Message): void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (how: 'approve' | 'reject') => {
    setBusy(true);
    try {
      if (how === 'approve') await call(governanceRoutes.approve, { params: { id: item.id }, body: { comment } });
      else await call(governanceRoutes.reject, { params: { id: item.id }, body: { comment } });
      onDone({
        kind: 'ok',
        text:
          how === 'approve'
            ? t(item.kind === 'broadcast' ? 'approvals.approvedBroadcast' : 'approvals.approvedJourney', {
                name: item.name,
              })
            : t('approvals.rejected', { name: item.name }),
      });
    } catch (e) {
      onDone({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const href = item.kind === 'broadcast' ? `#/broadcasts/${item.broadcastId}` : `#/journeys/${item.journeyId}`;
  return (
    <tr data-testid="approval-row" data-name={item.name}>
      <td>
        <a href={href}>{item.name}</a>
      </td>
      <td>
        {item.kind === 'broadcast'
          ? t('approvals.broadcastTo', { n: item.audience === null ? '?' : formatNumber(item.audience) })
          : t('approvals.journeyPublish')}
      </td>
      <td>{item.requestedBy}</td>
      <td>{whenLabel(item.requestedAt)}</td>
      {canDecide && (
        <td>
          <div className="row">
            <input
              aria-label={t('approvals.commentOn', { name: item.name })}
              placeholder={t('approvals.comment')}
              value={comment}
              maxLength={1000}
              onChange={(e) => setComment(e.target.value)}
            />
            <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
              {t('approvals.approve')}
            </button>
            <button type="button" disabled={busy || !comment.trim()} onClick={() => void decide('reject')}>
              {t('approvals.reject')}
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}

/** The workspace's approval rule: which publishes wait for an admin. */
function RulesForm({
  policies,
  canEdit,
  onSaved,
}: {
  policies: WorkspacePolicies;
  canEdit: boolean;
  onSaved(m: Message, p?: WorkspacePolicies): void;
}) {
  const { t } = useTranslation();
  const [journeys, setJourneys] = useState(policies.approvals.journeys);
  const [limit, setLimit] = useState(policies.approvals.broadcastsAbove?.toString() ?? '');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const saved = await call(governanceRoutes.savePolicies, {
        body: { ...policies, approvals: { journeys, broadcastsAbove: limit.trim() === '' ? null : Number(limit) } },
      });
      onSaved({ kind: 'ok', text: t('approvals.rulesSaved') }, saved);
    } catch (err) {
      onSaved({ kind: 'error', text: errorText(err) });
    }
  };
  return (
    <form className="card" onSubmit={(e) => void save(e)} data-testid="approval-rules">
      <h3>{t('approvals.rules')}</h3>
      <label className="row">
        <input type="checkbox" checked={journeys} disabled={!canEdit} onChange={(e) => setJourneys(e.target.checked)} />
        {t('approvals.toPublish')}
      </label>
      <label className="row">
        {t('approvals.toSend')}
        <input
          aria-label={t('approvals.threshold')}
          type="number"
          min={0}
          style={{ width: 120 }}
          placeholder={t('approvals.noLimit')}
          value={limit}
          disabled={!canEdit}
          onChange={(e) => setLimit(e.target.value)}
        />
        {t('approvals.contacts')}
      </label>
      {canEdit && (
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
      )}
    </form>
  );
}

/** Approvals: what waits for an admin (and the rule that makes it wait), and what was decided. */
export function ApprovalsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const canDecide = allows('manage', me);
  const [items, setItems] = useState<ApprovalItem[] | null>(null);
  const [policies, setPolicies] = useState<WorkspacePolicies | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const load = async () => {
    try {
      setItems((await call(governanceRoutes.approvals, { query: {} })).items);
      setPolicies(await call(governanceRoutes.policies));
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const pending = items?.filter((i) => i.status === 'pending') ?? [];
  const decided = items?.filter((i) => i.status !== 'pending') ?? [];
  const done = (m: Message) => {
    setMessage(m);
    void load();
  };
  const decidedColumns: Column<(typeof decided)[number], never>[] = [
    { label: t('approvals.what'), cell: (i) => i.name },
    { label: t('approvals.decision'), cell: (i) => statusLabel(i.status) },
    { label: t('approvals.by'), cell: (i) => i.decidedBy ?? '—' },
    { label: t('approvals.when'), cell: (i) => whenLabel(i.decidedAt) },
    { label: t('approvals.commentColumn'), cell: (i) => i.comment ?? '' },
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.approvals')} />
      <StatusBanner message={message} testId="approvals-banner" />
      {policies && (
        <RulesForm
          key={JSON.stringify(policies.approvals)}
          policies={policies}
          canEdit={canDecide}
          onSaved={(m, p) => {
            setMessage(m);
            if (p) setPolicies(p);
          }}
        />
      )}
      <h3>{t('approvals.waiting')}</h3>
      {!items ? (
        <p className="loading">{t('common.loading')}</p>
      ) : pending.length === 0 ? (
        <p className="muted" data-testid="approvals-empty">
          {t('approvals.none')}
        </p>
      ) : (
        <table data-testid="approvals-pending">
          <thead>
            <tr>
              <th>{t('approvals.what')}</th>
              <th>{t('approvals.kind')}</th>
              <th>{t('approvals.askedBy')}</th>
              <th>{t('approvals.asked')}</th>
              {canDecide && <th>{t('approvals.decide')}</th>}
            </tr>
          </thead>
          <tbody>
            {pending.map((i) => (
              <PendingRow key={i.id} item={i} canDecide={canDecide} onDone={done} />
            ))}
          </tbody>
        </table>
      )}
      {decided.length > 0 && (
        <>
          <h3>{t('approvals.decided')}</h3>
          <ListTable
            items={decided}
            testId="approvals-decided"
            columns={decidedColumns}
            rowProps={(i) => ({ 'data-name': i.name })}
          />
        </>
      )}
    </div>
  );
}
