import { useState } from 'react';
import type { Message, MethodId } from '@herald/engine';
import { testSendRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n';

/** What became of a test send, in words. */
const testSendText = (r: { status: string; contact: string; problem: string }): string =>
  r.status === 'sent'
    ? i18n.t('composer.test.sent', { contact: r.contact })
    : i18n.t(r.status === 'skipped' ? 'composer.test.skipped' : 'composer.test.failed', {
        contact: r.contact,
        problem: r.problem,
      });

/**
 * Sends the messages as composed to the contact the preview shows (or, with none chosen, to the
 * member's own contact): marked as a test, counted in no statistic or quota.
 */
export function TestSendButton(p: { accountId: string; method: MethodId; messages: Message[]; contactId: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const r = await call(testSendRoutes.send, {
        body: {
          channelAccountId: p.accountId,
          method: p.method,
          messages: p.messages,
          ...(p.contactId ? { contactId: p.contactId } : {}),
        },
      });
      setResult({ ok: r.status === 'sent', text: testSendText(r) });
    } catch (error) {
      setResult({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="test-send">
      <button type="button" disabled={busy || !p.accountId} onClick={() => void send()}>
        {p.contactId ? t('composer.test.toContact') : t('composer.test.toMe')}
      </button>
      {result && (
        <p className={`banner ${result.ok ? 'ok' : 'error'}`} role="status" data-testid="test-send-result">
          {result.text}
        </p>
      )}
    </div>
  );
}
