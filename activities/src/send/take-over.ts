import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { batchRows, takeOverBatches, type PageRow } from '@herald/db';
import type { ActivityDeps } from '../deps';

/** A row of the page whose batch is still `sending`: its call is not known to have gone. */
export const isOpen = (r: PageRow): boolean => r.status === 'sent' && r.batchId !== null && r.batchStatus === 'sending';

/**
 * The page's rows (`read`) for an execution that did not record them (a retry, or an attempt handed out
 * twice): batches still `sending` are taken over for it first, and the rows read again after that, so slices
 * the earlier execution settled meanwhile are not sent twice; from then on the earlier one stops once it
 * settles its slice in flight (the settlement reads the holder: `Settled.held`). Returns the rows, the open
 * batches' rows the page no longer reaches (`rest`), and this execution's holder id (null: nothing was open).
 */
export async function takeOver(
  db: ActivityDeps['db'],
  read: () => Promise<PageRow[]>,
): Promise<{ rows: PageRow[]; rest: PageRow[]; holder: string | null }> {
  const first = await read();
  const batchIds = [...new Set(first.filter(isOpen).map((r) => r.batchId!))];
  if (batchIds.length === 0) return { rows: first, rest: [], holder: null };
  const holder = randomUUID();
  await takeOverBatches(db, { batchIds, holder });
  const rows = await read();
  // A batch is sent and settled whole: its settlement closes it, and a row it did not carry would be closed
  // with it, unsent. Contacts that reached a step since the batch was recorded can push some of its rows past
  // the page's limit (a step's page is its first due contacts), or new audience rows past a broadcast page's.
  const inPage = new Set(rows.map((r) => r.id));
  const rest = (await batchRows(db, { batchIds })).filter((r) => !inPage.has(r.id));
  return { rows, rest, holder };
}

/** Stops an execution whose batch another execution took over (its settlement said so): that one sends the rest. */
export function throwTakenOver(): never {
  throw ApplicationFailure.create({
    type: 'HERALD_ERR_PAGE_TAKEN_OVER',
    message: 'another execution of this page took its open batches over and sends the rest',
    nonRetryable: false,
  });
}
