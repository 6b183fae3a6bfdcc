import { cancelPendingRun, updateBroadcastContent, type BroadcastRecord, type HeraldDb } from '@herald/db';
import type { AppDeps } from '../deps';
import { zodProblem } from '../errors/zod-problem';
import { HeraldError, invalidState } from '../errors/herald-error';
import { broadcastInput, type BroadcastEdit, type BroadcastInput } from '../contracts/index';
import { currentRun, loadBroadcastRow, prepareBroadcast, publishedContent } from './broadcasts.service';
import { normalizeBroadcast } from './broadcast-recipients.service';
import { republishBroadcast, storedContent } from './broadcast-release.service';
import type { PublishGate } from './approvals.service';
import { temporalUnavailable } from './workflows.service';

/**
 * An edit must land well before the old run's timer fires: the old workflow is stopped while it
 * still waits, so it can never have sent anything. Closer than this, the broadcast counts as
 * starting and is refused (409) — cancel it and create another instead.
 */
export const editLeadMs = 60_000;

/** The broadcast's current content as an input, with the edit applied. */
async function editedInput(db: HeraldDb, row: BroadcastRecord, edit: BroadcastEdit): Promise<BroadcastInput> {
  const content = await publishedContent(db, row.journeyId);
  if (!content) throw invalidState('This broadcast has no published content to edit.');
  const { send, audience } = content;
  const sendType = edit.sendType ?? row.sendType;
  const sendAt = sendType === 'immediate' ? undefined : (edit.sendAt ?? row.sendAt?.toISOString());
  const localTime = sendType === 'local_time' ? (edit.localTime ?? content.localTime) : undefined;
  const parsed = broadcastInput.safeParse({
    name: edit.name ?? row.name,
    channelAccountId: send.channelAccountId,
    method: send.method,
    type: send.type,
    groupName: send.groupName,
    messages: edit.messages ?? send.messages,
    audience: edit.audience ?? audience,
    sendType,
    sendAt,
    localTime,
    // Left out: kept; null: removed (a winner goes with its variants).
    variants: edit.variants === undefined ? send.variants : (edit.variants ?? undefined),
    winner: edit.variants === null ? undefined : edit.winner === undefined ? send.winner : (edit.winner ?? undefined),
  });
  if (!parsed.success)
    throw HeraldError.of('HERALD_ERR_VALIDATION', { what: 'The edited broadcast', problem: zodProblem(parsed.error) });
  return parsed.data;
}

/**
 * Changes a pending broadcast (name, audience, messages, send time). Its run's workflow is
 * waiting for the send time: it is terminated and the run marked canceled, then the changed
 * graph is published as a new version with a new run, whose workflow (`run/{newRunId}`,
 * a new id, REJECT_DUPLICATE as always) sends the new content at the new time. Deliveries are
 * keyed by run, and the old run never began, so nobody can receive both. Anything else than
 * pending: 409 and nothing written. A failure after the old workflow stopped leaves the
 * broadcast pending, and the same edit can be sent again.
 */
export async function editBroadcast(
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  id: string,
  edit: BroadcastEdit,
  gate?: PublishGate,
): Promise<void> {
  const { db } = deps;
  const row = await loadBroadcastRow(db, workspaceId, id);
  if (row.status !== 'pending' && row.status !== 'draft')
    throw invalidState(`A ${row.status.replace('_', ' ')} broadcast cannot be edited; only a pending one can.`, {
      status: row.status,
    });
  if (row.status === 'draft') return editDraft(deps, workspaceId, memberId, row, edit);
  const now = deps.now?.() ?? new Date();
  const oldSendAt = row.sendType !== 'immediate' && row.sendAt ? row.sendAt.getTime() : now.getTime();
  if (oldSendAt - now.getTime() < editLeadMs)
    throw invalidState('This broadcast is starting to send and can no longer be edited; cancel it instead.', {
      status: 'starting',
    });
  const input = normalizeBroadcast(await editedInput(db, row, edit));
  const contactId = row.conversationContactId;
  if (
    contactId &&
    (input.audience.kind !== 'contacts' ||
      input.audience.contactIds.length !== 1 ||
      input.audience.contactIds[0] !== contactId)
  ) {
    throw HeraldError.of('HERALD_ERR_CONVERSATION_AUDIENCE', {});
  }
  const prepared = await prepareBroadcast(deps, workspaceId, input);
  if (!deps.temporal) throw temporalUnavailable();

  const run = await currentRun(db, id);
  if (run && run.status !== 'pending' && run.status !== 'canceled')
    throw invalidState('This broadcast has started sending and can no longer be edited.', { status: 'starting' });
  if (run && run.status === 'pending') {
    await deps.temporal.client.workflow
      .getHandle(run.workflowId ?? `broadcast/${run.id}`)
      .terminate(`broadcast edited by ${memberId ?? 'an API key'}`)
      .catch((error: unknown) => {
        // Never started (a failed earlier edit) or already gone: nothing runs for this run.
        if ((error as Error).name !== 'WorkflowNotFoundError')
          throw HeraldError.of('HERALD_ERR_TEMPORAL_UNAVAILABLE', {
            problem: 'did not stop the waiting send, and nothing was changed',
          });
      });
    const stopped = await cancelPendingRun(db, { runId: run.id });
    // The old run began between our check and the terminate: it may have sent; do not start another.
    if (!stopped)
      throw invalidState('This broadcast started sending while it was being edited; nothing was changed.', {
        status: 'starting',
      });
  }

  // An edit that now needs approval (a larger audience) waits for an admin; its old send was stopped above.
  await republishBroadcast(deps, { workspaceId, memberId, gate }, row, input, prepared);
}

/** Changes a draft's content (checked as at creation); it stays a draft until it is sent. */
async function editDraft(
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  row: BroadcastRecord,
  edit: BroadcastEdit,
): Promise<void> {
  const input = normalizeBroadcast(await editedInput(deps.db, row, edit));
  const prepared = await prepareBroadcast(deps, workspaceId, input);
  await updateBroadcastContent(deps.db, {
    id: row.id,
    journeyId: row.journeyId,
    ...storedContent(input, prepared),
    memberId,
    status: 'draft',
  });
}
