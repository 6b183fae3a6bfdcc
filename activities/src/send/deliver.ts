import { Context } from '@temporalio/activity';
import {
  alreadyInRun,
  bucketLocks,
  isUniqueViolation,
  knownTimeZones,
  loadWorkspaceSettings,
  lockPage,
  pageRows,
  recordPage,
  sql,
  withSegmentRule,
  type AudienceQuery,
  type CohortPaths,
  type ContactRule,
  type CounterIds,
  type PageRow,
  type RecordedPage,
  type Transitions,
  waitingAtStep,
} from '@herald/db';
import {
  afterEventPolicyOf,
  capabilityOf,
  interactionWindowHoursOf,
  isStopping,
  resolvePolicies,
} from '@herald/engine';
import { identityKindFor, loadAccount } from '@herald/channels';
import type { ActivityDeps } from '../deps';
import { frequencyCapsFor, isMessageToPerson } from '../quota/frequency-caps';
import { applyAccountQuotas } from './account-quotas';
import { holdBeyondMemberRates, memberRatesOf } from './member-rates';
import { isPersonal, pageLookups, sendBatch } from './send-batch';
import type { DeliverInput, DeliverResult } from './deliver-types';
import { SETTLE_SLICE, settleBatch, settleBatches, throwRetryable, type Settled } from './settle-batch';
import { heartbeat } from './heartbeating';
import { isOpen, takeOver, throwTakenOver } from './take-over';

export type { DeliverInput, DeliverResult } from './deliver-types';

/** The activity attempt (1 outside an activity, e.g. in benchmarks). */
function attempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/**
 * Delivers one send node to a page of recipients, exactly once each:
 * 1. one transaction reads the page's audience, decides every rule and writes the page's rows
 *    before any provider call — in one INSERT … SELECT (`recordPage`): rows that go out are written
 *    `sent` with a new batch in `sending`; rows a rule stops are `skipped` with the reason;
 * 2. every batch of the page still `sending` — this attempt's, and any a crashed attempt left —
 *    goes to the provider, with a dedup key stable per batch;
 * 3. the outcome every row shares is written once, on the batch; only rows whose outcome differs
 *    (a failure, their own message id) are updated; counters grow by exactly these transitions.
 */
export async function deliver(deps: ActivityDeps, input: DeliverInput): Promise<DeliverResult> {
  const { db } = deps;
  const capability = capabilityOf(input.send.method);
  const {
    config: account,
    overrides,
    quotaTimeZone: zone,
  } = input.account ?? (await loadAccount(deps, input.workspaceId, input.send.channelAccountId));
  const throughOwner = capability.throughOwner === true;
  const policies = resolvePolicies(capability.policies, overrides);
  const memberRates = input.holdBack ? memberRatesOf(policies) : [];
  // A batch run's audience contact already waiting at the step (or past it) is not entered again.
  const except =
    memberRates.length > 0 && !input.page.states
      ? input.page.except
        ? sql`(${input.page.except} or ${alreadyInRun(input.runId)})`
        : alreadyInRun(input.runId)
      : input.page.except;
  const ids: CounterIds = {
    workspaceId: input.workspaceId,
    runId: input.runId,
    journeyVersionId: input.journeyVersionId,
    nodeId: input.nodeId,
  };
  const counted: Transitions = { sent: 0, failed: 0, skipped: 0 };
  const add = (t: Transitions) => {
    counted.sent += t.sent;
    counted.failed += t.failed;
    counted.skipped += t.skipped;
  };

  const settings = isMessageToPerson(input.send.method)
    ? await loadWorkspaceSettings(db, input.workspaceId)
    : { frequencyCap: null, quietHours: null, timezone: null };
  // The platform's quotas count calendar days in the account's zone; the marketer's caps in the workspace's.
  const rules: ContactRule[] = [
    ...policies
      .filter(isStopping)
      .filter((p) => p.kind === 'quota' && p.per === 'recipient')
      .map((policy) => ({ policy, scope: 'recipient' as const, zone })),
    ...frequencyCapsFor(settings, { method: input.send.method, type: input.send.type, journey: input.journey }).map(
      (cap) => ({ ...cap, zone: settings.timezone ?? 'UTC' }),
    ),
  ];
  const query: AudienceQuery = {
    workspaceId: input.workspaceId,
    audience: await withSegmentRule(db, input.workspaceId, input.page.audience),
    identityKind: identityKindFor(account.kind),
    channelAccountId: account.id,
    cursor: input.page.cursor,
    until: input.page.until,
    limit: input.page.limit,
    entrySeq: input.entrySeq,
    owners: throughOwner,
    ...(input.page.states ? { states: input.page.states } : {}),
    ...(input.page.cohort ? { cohort: input.page.cohort } : {}),
    ...(except ? { except } : {}),
  };
  const spec = {
    workspaceId: input.workspaceId,
    runId: input.runId,
    nodeId: input.nodeId,
    entrySeq: input.entrySeq,
    channelAccountId: account.id,
    journeyVersionId: input.journeyVersionId,
    withContactIds: isPersonal(input.send),
    method: input.send.method,
    fallbackMethod: input.send.fallback?.method ?? null,
    throughOwner,
    query,
    now: input.now,
    rules,
    // The account's own window (an override) or the method's; none for methods without one.
    windowHours: interactionWindowHoursOf(policies),
    // WeChat's 3 customer-service messages within a minute of a follow, scan or menu click (overridable).
    afterEvent: afterEventPolicyOf(policies),
    quietHours: settings.quietHours,
    countEntered: input.countEntered ?? false,
    knownZones: settings.quietHours ? await knownTimeZones(db) : [],
    ...(input.variants ? { variants: input.variants } : {}),
  };

  // 1. The ledger first: one statement reads, decides and writes the page (in a transaction with its locks).
  const record = (onConflict: 'fail' | 'skip') =>
    db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as typeof db;
      const contactIds =
        input.page.audience.kind === 'contacts' && !input.page.states
          ? { contactIds: input.page.audience.contactIds }
          : {};
      const locks =
        rules.length > 0
          ? bucketLocks(input.workspaceId, { cursor: input.page.cursor, until: input.page.until, ...contactIds })
          : null;
      await lockPage(tx, { locks });
      const recorded = await recordPage(tx, { ...spec, onConflict });
      const stopped = await applyAccountQuotas(tx, input, policies, recorded, zone);
      const waiting =
        memberRates.length > 0 && recorded.going.length > 0
          ? await holdBeyondMemberRates(tx, input, memberRates, recorded, zone)
          : 0;
      return { ...recorded, skipped: recorded.skipped + stopped, waiting };
    });
  let recorded: (RecordedPage & { waiting: number }) | undefined;
  let paths: CohortPaths | undefined;
  if (attempt() === 1) {
    try {
      recorded = await record('fail');
      paths = recorded.paths;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const page: Transitions = { sent: 0, failed: 0, skipped: 0 };
  let going: PageRow[];
  let processed: number;
  let lastId: string | null;
  let waiting = recorded?.waiting ?? 0;
  // Null while this execution sends what it recorded; its own id once it took batches over (take-over.ts).
  let holder: string | null = null;
  if (recorded) {
    add({ sent: 0, failed: 0, skipped: recorded.skipped });
    ({ going, lastId } = recorded);
    processed = recorded.written;
    page.skipped = recorded.skipped;
    page.sent = going.length;
  } else {
    // A retry, or rows an earlier attempt wrote: add what is missing, then take the page as it stands.
    const again = await record('skip');
    paths = again.paths;
    add({ sent: 0, failed: 0, skipped: again.skipped });
    const taken = await takeOver(db, () =>
      pageRows(db, { runId: input.runId, nodeId: input.nodeId, entrySeq: input.entrySeq, query }),
    );
    const rows = taken.rows;
    holder = taken.holder;
    processed = rows.length;
    lastId = rows.at(-1)?.contactId ?? null;
    if (memberRates.length > 0 && !input.page.states) {
      // An audience page's contacts an attempt held for their employee's rate were read too: the page
      // ends where its last contact, written or waiting, is (else the range's rest would never enter).
      const held = await waitingAtStep(db, { ...input.page, runId: input.runId, nodeId: input.nodeId });
      const read = [...rows.map((r) => r.contactId), ...held].sort().slice(0, input.page.limit);
      const heldIds = new Set(held);
      processed = read.length;
      lastId = read.at(-1) ?? null;
      waiting = read.filter((id) => heldIds.has(id)).length;
    }
    for (const r of rows) {
      if (r.status === 'failed') page.failed++;
      else if (r.status === 'skipped') page.skipped++;
      else page.sent++;
    }
    going = [...rows, ...taken.rest].filter(isOpen);
  }

  // 2. Send every batch of the page still `sending`; 3. settle it.
  const batches = new Map<number, PageRow[]>();
  for (const r of going) {
    const list = batches.get(r.batchId!);
    if (list) list.push(r);
    else batches.set(r.batchId!, [r]);
  }
  // A one-call-per-recipient method the provider cannot dedupe is sent and settled a slice at a time:
  // a crash mid-batch then resends at most the calls of one slice, never those of slices settled.
  // (Sending the next slice while recording the last was tried: no faster end to end in the real-time
  // benchmark, and twice the resends after a kill in ./herald faults.)
  const oneByOne = capabilityOf(input.send.method);
  const slice = oneByOne.batchSize === 1 && !oneByOne.providerDedup ? SETTLE_SLICE : Number.POSITIVE_INFINITY;
  const lookups = await pageLookups(deps, input, going);
  const send = { channelAccountId: account.id, method: input.send.method };
  const moved = (settled: Settled) => {
    add(settled.counted);
    page.sent -= settled.moved.failed + settled.moved.skipped;
    page.failed += settled.moved.failed;
    page.skipped += settled.moved.skipped;
  };
  for (const members of batches.values()) members.sort((a, b) => a.id - b.id);
  // (Agent messages, which employees answer while the page settles, keep to one batch after another.)
  if (slice === Number.POSITIVE_INFINITY && input.send.method !== 'wecom_agent') {
    // The page's batches (one per variant) go to the provider at once, and are settled together: the
    // answered ones before any error goes up, those sharing one message id in one statement.
    const list = [...batches];
    const answers = await Promise.allSettled(
      list.map(([, members]) => sendBatch(deps, input, account, policies, members, zone, lookups)),
    );
    const answered = list.flatMap(([batchId, members], i) => {
      const answer = answers[i]!;
      return answer.status === 'fulfilled' ? [{ batchId, members, outcome: answer.value }] : [];
    });
    moved(await settleBatches(db, ids, answered, input.now, send));
    heartbeat({ settled: answered.length });
    for (const answer of answers) if (answer.status === 'rejected') throw answer.reason;
    const retryable = answered.find((b) => b.outcome.retryable)?.outcome.retryable;
    if (retryable) throwRetryable(retryable);
  } else {
    for (const [batchId, members] of batches) {
      for (let from = 0; from < members.length; from += slice) {
        const part = members.slice(from, from + slice);
        const outcome = await sendBatch(deps, input, account, policies, part, zone, lookups);
        const more = from + slice < members.length && !outcome.failure;
        // A permanent failure ends the whole batch: the rows not yet sent fail with it.
        const rows = outcome.failure ? members.slice(from) : part;
        const settled = await settleBatch(db, ids, { batchId, holder }, rows, { ...outcome, more }, input.now, send);
        moved(settled);
        heartbeat({ batchId, settled: from + part.length });
        if (outcome.retryable) throwRetryable(outcome.retryable);
        if (outcome.failure) break;
        // Another execution took the batch over meanwhile: it sends the rest, not this one.
        if (more && settled.held === false) throwTakenOver();
      }
    }
  }
  const recordedBy = recorded ? 'insert' : attempt() === 1 ? 'careful' : 'retry';
  return { ...counted, page, processed, lastId, waiting, recordedBy, ...(paths ? { paths } : {}) };
}
