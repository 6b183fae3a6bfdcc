import type { HeraldDb } from '../client';
import type { ClaimedCallbacks } from './early-callbacks';
import { applyKeptMassResults, applyKeptTemplateResults } from './job-results';
import { applyKeptReceipts } from './receipts';

/**
 * Applies what a settlement claimed (`claimKeptCallbacks`) besides employee answers, which it applies
 * before its batch closes: receipts, then template messages' and mass sends' job results — in its
 * transaction, after the ids are written on their rows or batch. Returns how many rows the receipts moved.
 */
export async function applyKeptResults(
  tx: HeraldDb,
  p: { workspaceId: string; channelAccountId: string },
  kept: Omit<ClaimedCallbacks, 'employee'>,
): Promise<number> {
  const moved = await applyKeptReceipts(tx, p, kept.receipt);
  await applyKeptTemplateResults(tx, p, kept.job);
  await applyKeptMassResults(tx, p, kept.mass);
  return moved;
}
