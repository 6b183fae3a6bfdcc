import { useState, type FormEvent } from 'react';
import type { Message } from '@herald/engine';
import { timelineRoutes, type BroadcastItem } from '@herald/api/contracts';
import { call } from '../../api/client';
import { saveErrorText } from '../../api/error-text';
import { InputField } from '../../components/Field';
import { useTranslation } from 'react-i18next';
import { sendTimeProblem, toLocalInput } from '../broadcast/SendTimeSection';
import { SendComposer, SendThroughFields } from '../broadcast/SendThroughFields';
import { useSendAccounts } from '../broadcast/useSendAccounts';

/**
 * "Timed send" into one conversation: a message to this contact at a time, through one of the
 * workspace's accounts — a broadcast to this contact alone, listed and editable with the broadcasts.
 */
export function TimedSendForm({ contactId, onScheduled }: { contactId: string; onScheduled(b: BroadcastItem): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<Message[]>([{ type: 'text', text: '' }]);
  const [sendAt, setSendAt] = useState(toLocalInput(new Date(Date.now() + 3600_000)));
  const [error, setError] = useState('');
  // A message into one conversation has no group name to give employees: methods that need one are left out.
  const through = useSendAccounts({
    enabled: open,
    fits: (m) => !m.needsGroupName,
    method: '',
    onError: setError,
  });
  const { accountId, method } = through;
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
      setError(saveErrorText(err));
    }
  };
  return (
    <form className="card timed-send" aria-label={t('timeline.timedSend.open')} onSubmit={(e) => void submit(e)}>
      <SendThroughFields through={through} methodWord={t('timeline.timedSend.method')} />
      {method && <SendComposer through={through} method={method} messages={messages} onChange={setMessages} />}
      <InputField
        label={t('timeline.timedSend.at')}
        type="datetime-local"
        aria-label={t('timeline.timedSend.at')}
        value={sendAt}
        onValue={setSendAt}
      />
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
