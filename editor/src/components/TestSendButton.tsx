import { useState } from 'react';
import type { Message, MethodId } from '@herald/engine';
import { testSendRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { testSendText, testSendWords } from '../words/preview-words';

/**
 * Sends the messages as composed to the contact the preview shows (or, with none chosen, to the
 * member's own contact): marked as a test, counted in no statistic or quota.
 */
export function TestSendButton(p: { accountId: string; method: MethodId; messages: Message[]; contactId: string }) {
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
        {p.contactId ? testSendWords.toContact : testSendWords.toMe}
      </button>
      {result && (
        <p className={`banner ${result.ok ? 'ok' : 'error'}`} role="status" data-testid="test-send-result">
          {result.text}
        </p>
      )}
    </div>
  );
}
