import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Message, MethodId } from '@herald/engine';
import { accountRoutes, timelineRoutes, type Account, type BroadcastItem } from '@herald/api/contracts';
import { call, issuesOf } from '../../api/client';
import { errorText, issueWords } from '../../api/error-text';
import { MessageComposer } from '../../components/MessageComposer';
import { methodsOffered } from '../../canvas/steps/methods-offered';
import { channelLabel, methodLabel } from '../../words/labels';
import { useTranslation } from 'react-i18next';
import { sendTimeProblem, toLocalInput } from '../broadcast/SendTimeSection';

/**
 * "Timed send" into one conversation: a message to this contact at a time, through one of the
 * workspace's accounts — a broadcast to this contact alone, listed and editable with the broadcasts.
 */
export function TimedSendForm({ contactId, onScheduled }: { contactId: string; onScheduled(b: BroadcastItem): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [accountId, setAccountId] = useState('');
  const [method, setMethod] = useState<MethodId | ''>('');
  const [messages, setMessages] = useState<Message[]>([{ type: 'text', text: '' }]);
  const [sendAt, setSendAt] = useState(toLocalInput(new Date(Date.now() + 3600_000)));
  const [error, setError] = useState('');
  useEffect(() => {
    if (!open) return;
    void call(accountRoutes.list)
      .then((a) => {
        const usable = a.items.filter(
          (x) => !x.disabled && methodsOffered(x.kind, false).some((m) => !m.needsGroupName),
        );
        setAccounts(usable);
        setAccountId((id) => id || usable[0]?.id || '');
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [open]);
  const account = accounts.find((a) => a.id === accountId);
  // A message into one conversation has no group name to give employees: methods that need one are left out.
  const methods = useMemo(
    () => (account ? methodsOffered(account.kind, false).filter((m) => !m.needsGroupName) : []),
    [account],
  );
  useEffect(() => {
    if (methods.length && !methods.some((m) => m.id === method)) setMethod(methods[0]!.id);
  }, [methods, method]);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('timeline.timedSend.open')}
      </button>
    );
  const problem = (!accountId && t('timeline.timedSend.noAccount')) || sendTimeProblem(true, sendAt);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem || !method) return;
    try {
      const created = await call(timelineRoutes.scheduleMessage, {
        params: { contactId },
        body: { channelAccountId: accountId, method, messages, sendAt: new Date(sendAt).toISOString() },
      });
      setOpen(false);
      setMessages([{ type: 'text', text: '' }]);
      onScheduled(created);
    } catch (err) {
      const issues = issuesOf(err);
      setError(issues.length ? issues.map(issueWords).join(' ') : errorText(err));
    }
  };
  return (
    <form className="card timed-send" aria-label={t('timeline.timedSend.open')} onSubmit={(e) => void submit(e)}>
      <label>
        {t('timeline.timedSend.account')}
        <select
          aria-label={t('timeline.timedSend.account')}
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({channelLabel(a.kind)})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.timedSend.method')}
        <select
          aria-label={t('timeline.timedSend.method')}
          value={method}
          onChange={(e) => setMethod(e.target.value as MethodId)}
        >
          {methods.map((m) => (
            <option key={m.id} value={m.id}>
              {methodLabel(m.id)}
            </option>
          ))}
        </select>
      </label>
      {method && (
        <MessageComposer
          accountId={accountId}
          accountKind={account?.kind ?? ''}
          method={method}
          messages={messages}
          onChange={setMessages}
        />
      )}
      <label>
        {t('timeline.timedSend.at')}
        <input
          type="datetime-local"
          aria-label={t('timeline.timedSend.at')}
          value={sendAt}
          onChange={(e) => setSendAt(e.target.value)}
        />
      </label>
      {(error || problem) && (
        <p className="banner error" role="alert">
          {error || problem}
        </p>
      )}
      <button className="primary" type="submit" disabled={Boolean(problem)}>
        {t('timeline.timedSend.submit')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
