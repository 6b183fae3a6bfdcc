import { createHmac } from 'node:crypto';
import { callJson } from './http';
import type { RecipientResult, SendRequest, Recipient } from './channel.types';

/** The signature a receiver checks: HMAC-SHA256 of `${timestamp}.${body}` with the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** A signed JSON POST per recipient (x-herald-signature, x-herald-timestamp, x-herald-idempotency-key). */
export async function postWebhook(req: SendRequest, recipient: Recipient, now = Date.now()): Promise<RecipientResult> {
  const body = JSON.stringify({
    contactId: recipient.address,
    messages: req.messages,
    idempotencyKey: `${req.dedupKey}:${recipient.key}`,
  });
  const timestamp = String(Math.floor(now / 1000));
  const url = String(req.account.settings.url ?? req.account.baseUrl);
  // A journey's webhook step sets its own method and headers; Herald's signature headers win.
  const own = (req.account.settings.headers ?? {}) as Record<string, string>;
  const answer = await callJson<{ id?: string }>(url, JSON.parse(body), {
    method: req.account.settings.method === 'PUT' ? 'PUT' : 'POST',
    headers: {
      ...own,
      'x-herald-timestamp': timestamp,
      'x-herald-signature': signWebhook(req.account.credentials.secret ?? '', timestamp, body),
      'x-herald-idempotency-key': `${req.dedupKey}:${recipient.key}`,
    },
  });
  return { key: recipient.key, ok: true, providerMessageId: answer.id ?? `${req.dedupKey}:${recipient.key}` };
}
