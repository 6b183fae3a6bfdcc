import { ChannelError } from './channel.errors';
import { callJson } from './http';
import type { RecipientResult, SendRequest } from './channel.types';

type Answer = { results?: Array<{ number: string; ok: boolean; messageId?: string; error?: string }> };

/** Chat platform: text broadcast to chat numbers, up to 1,000 a call. */
export async function chatBroadcast(req: SendRequest): Promise<RecipientResult[]> {
  const message = req.messages[0];
  if (message?.type !== 'text')
    throw new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', 'chat broadcasts are text only');
  const results: RecipientResult[] = [];
  for (let i = 0; i < req.recipients.length; i += 1000) {
    const chunk = req.recipients.slice(i, i + 1000);
    const answer = await callJson<Answer>(
      `${req.account.baseUrl}/chat/v1/broadcast`,
      {
        numbers: chunk.map((r) => r.address),
        text: message.text.replace(/\{\{[^}]*\}\}/g, ''),
        dedupKey: `${req.dedupKey}:${i}`,
      },
      { headers: { authorization: `Bearer ${req.account.credentials.token ?? ''}` } },
    );
    const byNumber = new Map((answer.results ?? []).map((r) => [r.number, r]));
    for (const r of chunk) {
      const result = byNumber.get(r.address);
      results.push(
        result?.ok
          ? { key: r.key, ok: true, providerMessageId: result.messageId ?? '' }
          : {
              key: r.key,
              ok: false,
              error: new ChannelError(
                'HERALD_ERR_CHANNEL_INVALID_RECIPIENT',
                `chat number ${r.address}: ${result?.error ?? 'no result'}`,
              ),
            },
      );
    }
  }
  return results;
}
