import { bumpCounters, deleteBatches, reserveForAccount, skipBeyondQuota, type RecordedPage } from '@herald/db';
import { capabilityOf, isStopping, type QuotaPolicy } from '@herald/engine';
import type { ActivityDeps } from '../deps';
import type { DeliverInput } from './deliver';

/**
 * The account's own quotas (calls or messages a day) for the rows a page sends, reserved in the
 * page's transaction; rows beyond what is granted become `skipped` with the policy's reason (in
 * contact order: the page keeps its head) and leave the batch. Returns how many it stopped.
 */
export async function applyAccountQuotas(
  tx: ActivityDeps['db'],
  input: DeliverInput,
  policies: readonly QuotaPolicy[],
  page: RecordedPage,
  zone: string,
): Promise<number> {
  const capability = capabilityOf(input.send.method);
  let stoppedTotal = 0;
  for (const policy of policies.filter(isStopping).filter((p) => p.kind === 'quota' && p.per === 'account')) {
    const going = page.going; // in row-id order, which is the page's contact order
    if (going.length === 0) break;
    const wanted = policy.unit === 'call' ? Math.ceil(going.length / capability.batchSize) : going.length;
    const granted = await reserveForAccount(
      tx,
      input.workspaceId,
      policy,
      input.send.channelAccountId,
      wanted,
      input.now,
      zone,
    );
    const keep = policy.unit === 'call' ? (granted >= wanted ? going.length : granted * capability.batchSize) : granted;
    const stopped = going.slice(keep);
    if (stopped.length === 0) continue;
    await skipBeyondQuota(tx, { ids: stopped.map((r) => r.id), skipReason: policy.skipReason });
    await dropFromPage(
      tx,
      page,
      stopped.map((r) => r.id),
    );
    stoppedTotal += stopped.length;
  }
  if (stoppedTotal > 0)
    await bumpCounters(
      tx,
      {
        workspaceId: input.workspaceId,
        runId: input.runId,
        journeyVersionId: input.journeyVersionId,
        nodeId: input.nodeId,
      },
      { sent: 0, failed: 0, skipped: stoppedTotal },
    );
  return stoppedTotal;
}

/** Takes rows out of the rows a page sends; a batch (one per variant) none of whose rows still go out is removed. */
export async function dropFromPage(tx: ActivityDeps['db'], page: RecordedPage, ids: readonly number[]): Promise<void> {
  const gone = new Set(ids);
  page.going = page.going.filter((r) => !gone.has(r.id));
  const left = new Set(page.going.map((r) => r.batchId));
  const empty = page.batchIds.filter((id) => !left.has(id));
  if (empty.length > 0) await deleteBatches(tx, { ids: empty });
}
