import { holdForNextWindow, paceMembers, type RecordedPage } from '@herald/db';
import { nextWindowStart, windowStart, type QuotaPolicy, type SendData } from '@herald/engine';
import { appMessagesPerRequest } from '@herald/channels';
import type { ActivityDeps } from '../deps';
import type { DeliverInput } from './deliver';
import { dropFromPage } from './account-quotas';

/** The method's rates per member (the employee an app message goes to): WeCom's 30 a minute and 1,000 an hour. */
export const memberRatesOf = (policies: readonly QuotaPolicy[]): QuotaPolicy[] =>
  policies.filter((p) => p.kind === 'rate' && p.per === 'member');

/** App messages one contact's request takes at most, over the step's variants. */
const unitsOf = (send: SendData): number =>
  Math.max(
    ...[send.messages, ...(send.variants ?? []).map((v) => v.messages ?? send.messages)].map(appMessagesPerRequest),
  );

/**
 * Paces a page's app messages per member, in the page's transaction: each employee gets what still
 * fits in every current window, in contact order; the rows beyond leave the page (and its batch) and
 * their contacts wait at the step until the window that stopped them ends — never skipped. Returns
 * how many wait.
 */
export async function holdBeyondMemberRates(
  tx: ActivityDeps['db'],
  input: DeliverInput,
  rates: readonly QuotaPolicy[],
  page: RecordedPage,
  zone: string,
): Promise<number> {
  const rows = page.going.flatMap((r) => (r.ownerEmployeeId ? [{ id: r.id, employee: r.ownerEmployeeId }] : []));
  const held = await paceMembers(tx, {
    workspaceId: input.workspaceId,
    rows,
    units: unitsOf(input.send),
    rates: rates.map((p) => ({
      key: p.key,
      limit: p.limit,
      start: windowStart(p.window, input.now, zone),
      next: nextWindowStart(p.window, input.now, zone),
    })),
  });
  if (held.length === 0) return 0;
  const waiting = await holdForNextWindow(
    tx,
    {
      workspaceId: input.workspaceId,
      runId: input.runId,
      journeyVersionId: input.journeyVersionId,
      nodeId: input.nodeId,
      now: input.now,
      states: input.page.states !== undefined,
    },
    held,
  );
  await dropFromPage(
    tx,
    page,
    held.map((h) => h.id),
  );
  return waiting;
}
