import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { sql } from '@herald/db';
import { capabilityOf, inQuietHours, nextWindowStart, resolvePolicies, type SendData, type QuotaPolicy } from '@herald/engine';
import { loadAccount } from '../accounts';
import type { AudienceRow } from '../audience/audience-page';
import { ChannelError } from '../channels/channel.errors';
import type { Recipient } from '../channels/channel.types';
import { withPlatformMedia } from '../channels/platform-media';
import { bumpCounters, tally, type Transitions } from '../deliveries/counters';
import { transition, writeDeliveries, type LedgerRow, type Outcome } from '../deliveries/ledger';
import type { ActivityDeps } from '../deps';
import { frequencyCapsFor, isMessageToPerson, loadWorkspaceSettings } from '../quota/frequency-caps';
import { releasePerRecipient, reserveForAccount, reservePerRecipient } from '../quota/reserve-quota';
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
  /** The journey the send belongs to and its own frequency cap (journey settings), if it has one. */
  journey?: { id: string; frequencyCap?: { limit: number; period: 'day' | 'week' | 'month' } | undefined };
}

/** Heartbeats when running inside an activity (no-op in plain calls, e.g. benchmarks). */
export function heartbeat(details?: unknown): void {
  try { Context.current().heartbeat(details); } catch { /* not in an activity */ }
}

async function sleepUntil(at: Date): Promise<void> {
  while (Date.now() < at.getTime()) {
    heartbeat('waiting for the rate-limit window');
    await new Promise((r) => setTimeout(r, Math.min(5000, at.getTime() - Date.now())));
  }
}

/** Thrown inside the fast path's transaction when a page already has rows: roll back, take the careful path. */
class PageAlreadyStarted extends Error {}

/** The activity attempt (1 outside an activity, e.g. in benchmarks). */
function attempt(): number {
  try { return Context.current().info.attempt; } catch { return 1; }
}

/**
 * Delivers one send node to a page of recipients, exactly once each:
 * 1. rows are written before any provider call — on a first attempt already in their pre-send
 *    state (`sending`, or `skipped` with a reason) in the same transaction as the quota
 *    reservation; on a retry (or if a row exists) `pending` first, then reserved and moved;
 * 2. `sending` rows — this attempt's and any a crashed attempt left — go to the provider,
 *    whose dedup key is stable per (run, node, entry, page);
 * 3. results move rows to sent/failed, and the counters grow by exactly those transitions.
 */
export interface DeliverResult extends Transitions {
  /** Where every row of the page stands now (this attempt's work and any earlier attempt's). */
  page: Transitions;
}

export async function deliver(deps: ActivityDeps, input: DeliverInput): Promise<DeliverResult> {
  const { db } = deps;
  const capability = capabilityOf(input.send.method);
  const { config: account, overrides } = await loadAccount(deps, input.workspaceId, input.send.channelAccountId);
  const policies = resolvePolicies(capability.policies, overrides);
  const ids = { workspaceId: input.workspaceId, runId: input.runId, journeyVersionId: input.journeyVersionId, nodeId: input.nodeId };
  const key = { ...ids, entrySeq: input.entrySeq, channelAccountId: account.id, method: input.send.method };
  const counted: Transitions = { sent: 0, failed: 0, skipped: 0 };
  const add = (t: Transitions) => { counted.sent += t.sent; counted.failed += t.failed; counted.skipped += t.skipped; };
  // Each row's latest status, so the caller needs no query to learn where the page stands.
  const statuses = new Map<number, string>();
  const note = (moved: ReadonlyArray<{ id: number; status: string }>) => { for (const m of moved) statuses.set(m.id, m.status); };
  const result = (): DeliverResult => ({ ...counted, page: tally([...statuses.values()].map((status) => ({ status: status === 'delivered' || status === 'read' || status === 'replied' ? 'sent' : status }))) });
  const unreachable = (r: AudienceRow) => (r.unsubscribed ? 'unsubscribed' : !r.recipient ? 'no_identity' : null);

  // 1. The ledger first. Fast path: one transaction reserves quota and writes final pre-send rows.
  let rows: LedgerRow[] | undefined;
  let moved = new Map<number, string>();
  if (attempt() === 1) {
    try {
      rows = await db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as typeof db;
        const candidates = input.rows.filter((r) => !unreachable(r)).map((r) => ({ key: r.contactId, contactId: r.contactId, recipient: r.recipient!, timezone: r.timezone ?? null }));
        const decided = await decide(tx, input, policies, capability.interactionWindowHours, candidates);
        const { rows: written, newlySkipped, inserted } = await writeDeliveries(tx, key, input.rows.map((r) => {
          const reason = unreachable(r) ?? decided.skipped.get(r.contactId) ?? null;
          const method = decided.sending.get(r.contactId);
          return { contactId: r.contactId, recipient: r.recipient, ownerEmployeeId: r.ownerEmployeeId, status: reason ? 'skipped' : 'sending', skipReason: reason, ...(method && method !== input.send.method ? { method } : {}) };
        }));
        if (inserted !== input.rows.length) throw new PageAlreadyStarted();
        const t = { sent: 0, failed: 0, skipped: newlySkipped };
        await bumpCounters(tx, ids, t);
        add(t);
        return written;
      });
    } catch (error) {
      if (!(error instanceof PageAlreadyStarted)) throw error;
      rows = undefined;
    }
  }
  if (rows) note(rows);
  else {
    // Careful path (a retry, or rows a previous attempt wrote): pending rows, then reserve and move.
    const written = await writeDeliveries(db, key, input.rows.map((r) => ({
      contactId: r.contactId, recipient: r.recipient, ownerEmployeeId: r.ownerEmployeeId,
      status: unreachable(r) ? 'skipped' as const : 'pending' as const, skipReason: unreachable(r),
    })));
    rows = written.rows;
    note(rows);
    if (written.newlySkipped > 0) {
      await bumpCounters(db, ids, { sent: 0, failed: 0, skipped: written.newlySkipped });
      add({ sent: 0, failed: 0, skipped: written.newlySkipped });
    }
    const pending = rows.filter((r) => r.status === 'pending');
    if (pending.length > 0) {
      const reserved = await reserve(deps, input, policies, capability.interactionWindowHours, pending, ids);
      add(reserved.counted);
      note(reserved.moved);
      moved = reserved.sending;
    }
  }

  // 3. Send everything in `sending` (including what a crashed attempt left there).
  // Rows this attempt moved to `sending`, plus any a crashed attempt left there.
  // In row-id order: the provider's dedup key names the first row of each call, so a retry must
  // build the same calls whatever order the ledger query returned the rows in.
  const sending: LedgerRow[] = rows.filter((r) => r.status === 'sending' || moved.has(r.id))
    .map((r) => ({ ...r, method: moved.get(r.id) ?? r.method ?? input.send.method }))
    .sort((a, b) => a.id - b.id);
  if (sending.length === 0) return result();
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
        method: method as SendData['method'], account, recipients: group, messages: await withPlatformMedia(deps.db, deps.channels.wecomAdapter, account, isFallback ? input.send.fallback!.messages : input.send.messages), type: input.send.type,
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
    note(moved);
    const t = tally(moved);
    await bumpCounters(tx as unknown as typeof db, ids, t);
    add(t);
  });
  if (failure?.retryable) {
    throw ApplicationFailure.create({ type: failure.code, message: failure.message, nonRetryable: false, ...(failure.retryAfterMs ? { nextRetryDelay: failure.retryAfterMs } : {}) });
  }
  return result();
}

interface Candidate { key: string; contactId: string; recipient: string; timezone: string | null }
interface Decisions { sending: Map<string, string>; skipped: Map<string, string> }

/**
 * Applies the rules to candidates inside the caller's transaction: the marketer's quiet hours
 * (in each contact's time zone), the 48-hour window (or its
 * fallback method), each per-recipient quota of the channel, the marketer's frequency caps (per
 * contact, across channels), then the account's quotas, each as one set-based reservation.
 * A candidate a later rule stops gives back what earlier rules reserved for it, so quota is
 * used only by sends that go out. Returns the method each allowed candidate goes out by, and the
 * reason for each one stopped.
 */
async function decide(tx: ActivityDeps['db'], input: DeliverInput, policies: QuotaPolicy[], windowHours: number | undefined, candidates: readonly Candidate[]): Promise<Decisions> {
  const skipped = new Map<string, string>();
  let allowed = candidates;
  const fallback = new Set<string>();
  const settings = allowed.length > 0 && isMessageToPerson(input.send.method) ? await loadWorkspaceSettings(tx, input.workspaceId) : { frequencyCap: null, quietHours: null };
  const quiet = settings.quietHours;
  if (quiet) {
    for (const r of allowed) if (inQuietHours(input.now, quiet, r.timezone)) skipped.set(r.key, 'quiet_hours');
    allowed = allowed.filter((r) => !skipped.has(r.key));
  }
  if (windowHours !== undefined && allowed.length > 0) {
    const since = new Date(input.now.getTime() - windowHours * 3_600_000).toISOString();
    const open = new Set(rowsOf<{ contact_id: string }>(await tx.execute(sql`
      select contact_id from contact_interactions where channel_account_id = ${input.send.channelAccountId}::uuid
        and last_interaction_at >= ${since}::timestamptz and contact_id = any(${uuidList(allowed.map((r) => r.contactId))})`)).map((r) => r.contact_id));
    for (const r of allowed) {
      if (open.has(r.contactId)) continue;
      if (input.send.fallback) fallback.add(r.key);
      else skipped.set(r.key, 'window_closed');
    }
    allowed = allowed.filter((r) => !skipped.has(r.key));
  }
  type Held = { policy: QuotaPolicy; subject: (c: Candidate) => string };
  const held: Held[] = [];
  const stop = async (denied: readonly Candidate[], reason: string) => {
    if (denied.length === 0) return;
    for (const r of denied) skipped.set(r.key, reason);
    for (const h of held) await releasePerRecipient(tx, input.workspaceId, h.policy, denied.map(h.subject), input.now);
    allowed = allowed.filter((r) => !skipped.has(r.key));
  };
  const perRecipient: Held[] = [
    ...policies.filter((p) => p.kind === 'quota' && p.per === 'recipient').map((policy) => ({ policy, subject: (c: Candidate) => c.recipient })),
    ...frequencyCapsFor(settings, { method: input.send.method, type: input.send.type, journey: input.journey }).map((policy) => ({ policy, subject: (c: Candidate) => c.contactId })),
  ];
  for (const h of perRecipient) {
    if (allowed.length === 0) break;
    const granted = await reservePerRecipient(tx, input.workspaceId, h.policy, allowed.map(h.subject), input.now);
    await stop(allowed.filter((r) => !granted.has(h.subject(r))), h.policy.skipReason);
    held.push(h);
  }
  for (const policy of policies.filter((p) => p.kind === 'quota' && p.per === 'account')) {
    if (allowed.length === 0) break;
    const capability = capabilityOf(input.send.method);
    const wanted = policy.unit === 'call' ? Math.ceil(allowed.length / capability.batchSize) : allowed.length;
    const granted = await reserveForAccount(tx, input.workspaceId, policy, input.send.channelAccountId, wanted, input.now);
    const keep = policy.unit === 'call' ? (granted >= wanted ? allowed.length : granted * capability.batchSize) : granted;
    await stop(allowed.slice(keep), policy.skipReason);
  }
  return { sending: new Map(allowed.map((r) => [r.key, fallback.has(r.key) ? input.send.fallback!.method : input.send.method])), skipped };
}

/** The careful path's reservation: decides for `pending` rows and moves them, counting real transitions. */
async function reserve(deps: ActivityDeps, input: DeliverInput, policies: QuotaPolicy[], windowHours: number | undefined, pending: LedgerRow[], ids: { workspaceId: string; runId: string; journeyVersionId: string; nodeId: string }): Promise<{ counted: Transitions; moved: Array<{ id: number; status: string }>; sending: Map<number, string> }> {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as typeof deps.db;
    const timezones = new Map(input.rows.map((r) => [r.contactId, r.timezone ?? null]));
    const decided = await decide(tx, input, policies, windowHours, pending.map((r) => ({ key: String(r.id), contactId: r.contactId, recipient: r.recipient!, timezone: timezones.get(r.contactId) ?? null })));
    const outcomes: Outcome[] = [
      ...[...decided.sending].map(([id, method]) => ({ id: Number(id), status: 'sending' as const, ...(method !== input.send.method ? { method } : {}) })),
      ...[...decided.skipped].map(([id, reason]) => ({ id: Number(id), status: 'skipped' as const, skipReason: reason })),
    ];
    const moved = await transition(tx, ['pending'], outcomes, input.now);
    const t = tally(moved);
    await bumpCounters(tx, ids, t);
    return { counted: t, moved, sending: new Map(moved.filter((m) => m.status === 'sending').map((m) => [m.id, decided.sending.get(String(m.id))!])) };
  });
}
