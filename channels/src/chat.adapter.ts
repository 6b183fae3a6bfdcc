import { ChannelError } from './channel.errors';
import { callJson } from './http';
import { personalize, type Recipient, type RecipientResult, type SendRequest } from './channel.types';

type Answer = { results?: Array<{ number: string; ok: boolean; messageId?: string; error?: string }> };

/**
 * Chat platform: text broadcast to chat numbers, up to 1,000 a call. A personalised text
 * ({{contact.name}}) is one call per distinct text: recipients whose text reads the same share it.
 */
export async function chatBroadcast(req: SendRequest): Promise<RecipientResult[]> {
  const message = req.messages[0];
  if (message?.type !== 'text')
    throw new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', 'chat broadcasts are text only');
  const byText = new Map<string, Recipient[]>();
  for (const r of req.recipients) {
    const text = personalize(message.text, r);
    const list = byText.get(text);
    if (list) list.push(r);
    else byText.set(text, [r]);
  }
  const results: RecipientResult[] = [];
  let call = 0;
  for (const [text, recipients] of byText) results.push(...(await broadcastText(req, text, recipients, call++)));
  return results;
}

/** One text to its recipients, 1,000 numbers a call, each call with its own dedup key. */
async function broadcastText(
  req: SendRequest,
  text: string,
  recipients: readonly Recipient[],
  call: number,
): Promise<RecipientResult[]> {
  const results: RecipientResult[] = [];
  for (let i = 0; i < recipients.length; i += 1000) {
    const chunk = recipients.slice(i, i + 1000);
    const answer = await callJson<Answer>(
      `${req.account.baseUrl}/chat/v1/broadcast`,
      {
        numbers: chunk.map((r) => r.address),
        text,
        dedupKey: call === 0 ? `${req.dedupKey}:${i}` : `${req.dedupKey}:${call}:${i}`,
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
