import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { sql } from '@herald/db';
import { capabilityOf, nextWindowStart, resolvePolicies, type SendData, type QuotaPolicy } from '@herald/engine';
import { loadAccount } from '../accounts';
import type { AudienceRow } from '../audience/audience-page';
import { ChannelError } from '../channels/channel.errors';
import type { Recipient } from '../channels/channel.types';
import { bumpCounters, tally, type Transitions } from '../deliveries/counters';
import { transition, writeDeliveries, type LedgerRow, type Outcome } from '../deliveries/ledger';
import type { ActivityDeps } from '../deps';
import { reserveForAccount, reservePerRecipient } from '../quota/reserve-quota';
import { rowsOf, uuidList } from '../sql-lists';

export interface DeliverInput {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
  entrySeq: number;
  send: SendData;
  rows: readonly AudienceRow[];
  now: Date;
}

/** Heartbeats when running inside an activity (no-op in plain calls, e.g. benchmarks). */
function heartbeat(details?: unknown): void {
  try { Context.current().heartbeat(details); } catch { /* not in an activity */ }
}

async function sleepUntil(at: Date): Promise<void> {
  while (Date.now() < at.getTime()) {
    heartbeat('waiting for the rate-limit window');
    await new Promise((r) => setTimeout(r, Math.min(5000, at.getTime() - Date.now())));
  }
}

/**
 * Delivers one send node to a page of recipients, exactly once each:
 * 1. rows are written (pending, or skipped with a reason) before any provider call;
 * 2. quota is reserved for pending rows and the rows move to `sending` in the same transaction;
 * 3. `sending` rows — this attempt's and any a crashed attempt left — go to the provider,
 *    whose dedup key is stable per (run, node, entry, page);
 * 4. results move rows to sent/failed, and the counters grow by exactly those transitions.
 */
export async function deliver(deps: ActivityDeps, input: DeliverInput): Promise<Transitions> {
  const { db } = deps;
  const capability = capabilityOf(input.send.method);
  const { config: account, overrides } = await loadAccount(deps, input.workspaceId, input.send.channelAccountId);
  const policies = resolvePolicies(capability.policies, overrides);
  const ids = { workspaceId: input.workspaceId, runId: input.runId, journeyVersionId: input.journeyVersionId, nodeId: input.nodeId };
  const counted: Transitions = { sent: 0, failed: 0, skipped: 0 };
  const add = (t: Transitions) => { counted.sent += t.sent; counted.failed += t.failed; counted.skipped += t.skipped; };

  // 1. The ledger first.
  const { rows, newlySkipped } = await writeDeliveries(db, { ...ids, entrySeq: input.entrySeq, channelAccountId: account.id, method: input.send.method }, input.rows.map((r) => ({
    contactId: r.contactId,
    recipient: r.recipient,
    ownerEmployeeId: r.ownerEmployeeId,
    status: r.unsubscribed || !r.recipient ? 'skipped' : 'pending',
    skipReason: r.unsubscribed ? 'unsubscribed' : !r.recipient ? 'no_identity' : null,
  })));
  if (newlySkipped > 0) {
    await bumpCounters(db, ids, { sent: 0, failed: 0, skipped: newlySkipped });
    add({ sent: 0, failed: 0, skipped: newlySkipped });
  }

  // 2. Rules and quota for pending rows, atomically with their move to `sending`.
  const pending = rows.filter((r) => r.status === 'pending');
  const reserved = pending.length > 0 ? await reserve(deps, input, policies, capability.interactionWindowHours, pending, ids) : { counted: { sent: 0, failed: 0, skipped: 0 }, sending: new Map<number, string>() };
  add(reserved.counted);

  // 3. Send everything in `sending` (including what a crashed attempt left there).
  // Rows this attempt moved to `sending`, plus any a crashed attempt left there.
  const sending: LedgerRow[] = rows.filter((r) => r.status === 'sending' || reserved.sending.has(r.id))
    .map((r) => ({ ...r, method: reserved.sending.get(r.id) ?? r.method ?? input.send.method }));
  if (sending.length === 0) return counted;
  const byContact = new Map(input.rows.map((r) => [r.contactId, r]));
  const recipients: Recipient[] = sending.map((r) => ({ key: String(r.id), address: r.recipient ?? '', ownerEmployee: byContact.get(r.contactId)?.ownerUserId ?? null, name: byContact.get(r.contactId)?.name ?? '' }));

  for (const policy of policies.filter((p) => p.kind === 'rate' && p.per === 'account')) {
    const calls = Math.ceil(recipients.length / capability.batchSize);
    let granted = 0;
    while (granted < calls) {
      granted += await reserveForAccount(db, input.workspaceId, policy, account.id, calls - granted, new Date());
      if (granted < calls) await sleepUntil(nextWindowStart(policy.window, new Date()));
    }
  }

  heartbeat({ sending: recipients.length });
  let failure: ChannelError | undefined;
  const results: Awaited<ReturnType<typeof deps.channels.send>> = [];
  const methodOf = new Map(sending.map((r) => [String(r.id), r.method ?? input.send.method]));
  for (const method of new Set(methodOf.values())) {
    const isFallback = method !== input.send.method && input.send.fallback?.method === method;
    const group = recipients.filter((r) => methodOf.get(r.key) === method);
    try {
      results.push(...await deps.channels.send({
        method: method as SendData['method'], account, recipients: group, messages: isFallback ? input.send.fallback!.messages : input.send.messages, type: input.send.type,
        dedupKey: `${input.runId}:${input.nodeId}:${input.entrySeq}:${group[0]!.key}`,
        ...(input.send.groupName ? { groupName: input.send.groupName } : {}),
      }));
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      failure = error;
      break;
    }
  }

  // 4. Record outcomes; count only real transitions.
  const outcomes: Outcome[] = results.map((r) => (r.ok
    ? { id: Number(r.key), status: 'sent', providerMessageId: r.providerMessageId }
    : { id: Number(r.key), status: r.error.code === 'HERALD_ERR_CHANNEL_WINDOW_CLOSED' ? 'skipped' : 'failed', skipReason: r.error.code === 'HERALD_ERR_CHANNEL_WINDOW_CLOSED' ? 'window_closed' : null, errorCode: r.error.code, errorMessage: r.error.message }));
  if (failure && !failure.retryable) {
    const done = new Set(outcomes.map((o) => o.id));
    outcomes.push(...sending.filter((r) => !done.has(r.id)).map((r) => ({ id: r.id, status: 'failed' as const, errorCode: failure!.code, errorMessage: failure!.message })));
  }
  await db.transaction(async (tx) => {
    const moved = await transition(tx as unknown as typeof db, ['sending'], outcomes, input.now);
    const t = tally(moved);
    await bumpCounters(tx as unknown as typeof db, ids, t);
    add(t);
  });
  if (failure?.retryable) {
    throw ApplicationFailure.create({ type: failure.code, message: failure.message, nonRetryable: false, ...(failure.retryAfterMs ? { nextRetryDelay: failure.retryAfterMs } : {}) });
  }
  return counted;
}

async function reserve(deps: ActivityDeps, input: DeliverInput, policies: QuotaPolicy[], windowHours: number | undefined, pending: LedgerRow[], ids: { workspaceId: string; runId: string; journeyVersionId: string; nodeId: string }): Promise<{ counted: Transitions; sending: Map<number, string> }> {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as typeof deps.db;
    const skipped = new Map<number, string>();
    let allowed = pending;
    const fallback = new Set<number>();
    if (windowHours !== undefined) {
      const since = new Date(input.now.getTime() - windowHours * 3_600_000).toISOString();
      const open = new Set(rowsOf<{ contact_id: string }>(await tx.execute(sql`
        select contact_id from contact_interactions where channel_account_id = ${input.send.channelAccountId}::uuid
          and last_interaction_at >= ${since}::timestamptz and contact_id = any(${uuidList(pending.map((r) => r.contactId))})`)).map((r) => r.contact_id));
      for (const r of allowed) {
        if (open.has(r.contactId)) continue;
        if (input.send.fallback) fallback.add(r.id);
        else skipped.set(r.id, 'window_closed');
      }
      allowed = allowed.filter((r) => !skipped.has(r.id));
    }
    for (const policy of policies.filter((p) => p.kind === 'quota')) {
      if (allowed.length === 0) break;
      if (policy.per === 'recipient') {
        const granted = await reservePerRecipient(tx, input.workspaceId, policy, allowed.map((r) => r.recipient!), input.now);
        for (const r of allowed) if (!granted.has(r.recipient!)) skipped.set(r.id, policy.skipReason);
      } else {
        const capability = capabilityOf(input.send.method);
        const wanted = policy.unit === 'call' ? Math.ceil(allowed.length / capability.batchSize) : allowed.length;
        const granted = await reserveForAccount(tx, input.workspaceId, policy, input.send.channelAccountId, wanted, input.now);
        const keep = policy.unit === 'call' ? (granted >= wanted ? allowed.length : granted * capability.batchSize) : granted;
        for (const r of allowed.slice(keep)) skipped.set(r.id, policy.skipReason);
      }
      allowed = allowed.filter((r) => !skipped.has(r.id));
    }
    const outcomes: Outcome[] = [
      ...allowed.map((r) => ({ id: r.id, status: 'sending' as const, ...(fallback.has(r.id) ? { method: input.send.fallback!.method } : {}) })),
      ...[...skipped].map(([id, reason]) => ({ id, status: 'skipped' as const, skipReason: reason })),
    ];
    const moved = await transition(tx, ['pending'], outcomes, input.now);
    const t = tally(moved);
    await bumpCounters(tx, ids, t);
    const methodOf = new Map(outcomes.map((o) => [o.id, o.method ?? input.send.method]));
    return { counted: t, sending: new Map(moved.filter((m) => m.status === 'sending').map((m) => [m.id, methodOf.get(m.id)!])) };
  });
}
