import { z } from 'zod';
import { applyEmployeeAnswers } from '../services/employee-requests.service';
import { accountWebhook } from './signed-webhook';

const action = z.object({
  msgid: z.string().min(1).max(200),
  userid: z.string().min(1).max(64),
  /** Herald's reference of the request (its request line's), which the answer names back. */
  ref: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/)
    .optional(),
  action: z.enum(['sent', 'delivered', 'declined']),
  at: z.iso.datetime({ offset: true }),
});
const body = z.object({ actions: z.array(action).min(1).max(1000) });

/**
 * /webhooks/wecom/:accountId — what employees did with the agent messages Herald asked them to send
 * (the notifications app's callback): sent to the customer, delivered, or declined. Verified by
 * HMAC with the account's `callbackToken` within a 5-minute window; an answer only moves a message
 * forward (pending_employee → sent → delivered, or → declined), so repeats change nothing. An
 * answer naming Herald's reference of the request is matched by it, whatever the message id (a request
 * resent after a crash, which WeCom's duplicate check drops, comes back under a new id). Answers,
 * per action, the customer it names (what the employee's send page shows); an answer about a message
 * whose id Herald has not recorded yet names nobody and is `held`: kept, and applied once the send's
 * answer is recorded (an employee can be faster than Herald's settlement). Callbacks arriving together
 * are applied in one transaction (a group commit), so the app is answered well within its 5 s.
 */
export const wecomWebhookRoutes = accountWebhook({
  path: '/webhooks/wecom/:accountId',
  account: {
    kind: 'wecom',
    accountName: 'The WeCom account',
    secret: 'callbackToken',
    what: 'WeCom callback',
    secretName: "this account's callback token",
  },
  body,
  what: 'The employees’ answers',
  response: z.object({
    results: z.array(
      z.object({ msgid: z.string(), to: z.string().nullable(), applied: z.boolean(), held: z.boolean() }),
    ),
  }),
  apply: async (deps, account, { actions }) => {
    const results = await applyEmployeeAnswers(deps.db, account, actions);
    return {
      results: results.map((r) => ({ msgid: r.msgid, to: r.recipient, applied: r.applied, held: r.held })),
    };
  },
});
