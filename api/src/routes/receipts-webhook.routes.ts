import { z } from 'zod';
import { applyReceipts } from '@herald/db';
import { accountWebhook } from './signed-webhook';

const receipt = z.object({
  providerMessageId: z.string().min(1).max(200),
  recipient: z.string().min(1).max(200),
  type: z.enum(['delivered', 'read', 'replied']),
  at: z.iso.datetime({ offset: true }),
});
const body = z.object({ receipts: z.array(receipt).min(1).max(1000) });

/**
 * /webhooks/receipts/:accountId — delivery, read and reply receipts. Verified by HMAC with the
 * account's `receiptsSecret` within a 5-minute window; a receipt only moves a delivery forward
 * (sent → delivered → read → replied), so repeats and reordering change nothing. A receipt naming a
 * message Herald has not recorded yet (the provider was faster than the send's settlement) is `held`:
 * kept, and applied once the send's answer is recorded. `unknown`: neither (no such recipient, a repeat).
 */
export const receiptsWebhookRoutes = accountWebhook({
  path: '/webhooks/receipts/:accountId',
  account: {
    accountName: 'The channel account',
    secret: 'receiptsSecret',
    what: 'receipt',
    secretName: "this account's receipts secret",
  },
  body,
  what: 'The receipt batch',
  response: z.object({ applied: z.number(), held: z.number(), unknown: z.number() }),
  apply: async (deps, account, { receipts }) => {
    const { applied, held } = await applyReceipts(deps.db, {
      workspaceId: account.workspaceId,
      channelAccountId: account.id,
      receipts,
    });
    return { applied, held, unknown: receipts.length - applied - held };
  },
});
