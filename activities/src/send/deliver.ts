import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  bucketLocks,
  bumpCounters,
  counterCtes,
  deliveryIds,
  indexProbeSettings,
  isConnectionLoss,
  isUniqueViolation,
  knownTimeZones,
  loadWorkspaceSettings,
  pageRows,
  recordPage,
  reserveForAccount,
  rowsOf,
  sql,
  transition,
  uuidList,
  type AudienceQuery,
  type ContactRule,
  type CounterIds,
  type Outcome,
  type PageRow,
  type RecordedPage,
  type Transitions,
  recordTasks,
  tasksCte,
  type NewTask,
  type TaskBatch,
  type SQL,
  templateContacts,
  withSegmentRule,
  type VariantChoice,
} from '@herald/db';
import {
  capabilityOf,
  interactionWindowHoursOf,
  isPersonalised,
  messagesOfVariant,
  nextWindowStart,
  resolvePolicies,
  type Audience,
  type MethodId,
  type QuotaPolicy,
  type SendData,
  type SkipReason,
  type TemplateContact,
} from '@herald/engine';
import {
  ChannelError,
  PartialSendError,
  fitRecipients,
  identityKindFor,
  loadAccount,
  withPlatformMedia,
  type LoadedAccount,
  type Recipient,
  type RecipientResult,
} from '@herald/channels';
import type { ActivityDeps } from '../deps';
import { frequencyCapsFor, isMessageToPerson } from '../quota/frequency-caps';
import { tasksOfResults } from './employee-tasks';

export interface DeliverInput {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
  entrySeq: number;
  send: SendData;
  /**
   * The page: an audience between two ids (a broadcast's planned range), or with `states` a journey
   * step's due contacts between two ids (each row keyed by its arrival at the step).
   */
  page: {
    audience: Audience;
    cursor: string | null;
    until: string | null;
    limit: number;
    states?: { runId: string; nodeId: string; now: Date };
    /** Contacts this holds for stay out of the page (a journey's holdout). */
    except?: SQL;
  };
  /** The account to send with instead of the node's channel account (a webhook step's own target). */
  account?: LoadedAccount;
  /** The page is a batch run's audience arriving at its first step: count its rows as entered there. */
  countEntered?: boolean;
  now: Date;
  /** A step with variants: how each row's variant is chosen (split by share, or the winner). */
  variants?: VariantChoice;
  /** The journey the send belongs to and its own frequency cap (journey settings), if it has one. */
  journey?: { id: string; frequencyCap?: { limit: number; period: 'day' | 'week' | 'month' } | undefined };
}

export interface DeliverResult extends Transitions {
  /** Where every row of the page stands now (this attempt's work and any earlier attempt's). */
  page: Transitions;
  /** How many contacts (or group chats) the page held, and the last one's id. */
  processed: number;
  lastId: string | null;
}

/**
 * Heartbeats when running inside a regular activity. No-op in plain calls (benchmarks) and in
 * local activities, which have no heartbeat: the server answers each with "UnknownActivity" and
 * the SDK logged a warning per call (~300 in 30 minutes of light use of `./herald start`).
 */
export function heartbeat(details?: unknown): void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return; // not in an activity
  }
  if (!context.info.isLocal) context.heartbeat(details);
}

async function sleepUntil(at: Date): Promise<void> {
  while (Date.now() < at.getTime()) {
    heartbeat('waiting for the rate-limit window');
    await new Promise((r) => setTimeout(r, Math.min(5000, at.getTime() - Date.now())));
  }
}

/** The activity attempt (1 outside an activity, e.g. in benchmarks). */
function attempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/**
 * Whether contacts are read: any text of the node's messages (or its fallback's) reads the contact, or
 * it is an agent message, whose request names its contact to the employee.
 */
const isPersonal = (send: SendData): boolean =>
  send.method === 'wecom_agent' ||
  isPersonalised(send.messages) ||
  isPersonalised(send.fallback?.messages ?? []) ||
  (send.variants ?? []).some((v) => isPersonalised(v.messages ?? []));

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
    ...(input.page.except ? { except: input.page.except } : {}),
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
      await tx.execute(sql`select ${indexProbeSettings}${locks ? sql`, ${locks}` : sql``}`);
      const recorded = await recordPage(tx, { ...spec, onConflict });
      const stopped = await applyAccountQuotas(tx, input, policies, recorded, zone);
      return { ...recorded, skipped: recorded.skipped + stopped };
    });
  let recorded: RecordedPage | undefined;
  if (attempt() === 1) {
    try {
      recorded = await record('fail');
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const page: Transitions = { sent: 0, failed: 0, skipped: 0 };
  let going: PageRow[];
  let processed: number;
  let lastId: string | null;
  if (recorded) {
    add({ sent: 0, failed: 0, skipped: recorded.skipped });
    ({ going, lastId } = recorded);
    processed = recorded.written;
    page.skipped = recorded.skipped;
    page.sent = going.length;
  } else {
    // A retry, or rows an earlier attempt wrote: add what is missing, then take the page as it stands.
    const again = await record('skip');
    add({ sent: 0, failed: 0, skipped: again.skipped });
    const rows = await pageRows(db, { runId: input.runId, nodeId: input.nodeId, entrySeq: input.entrySeq, query });
    processed = rows.length;
    lastId = rows.at(-1)?.contactId ?? null;
    for (const r of rows) {
      if (r.status === 'failed') page.failed++;
      else if (r.status === 'skipped') page.skipped++;
      else page.sent++;
    }
    going = rows.filter((r) => r.status === 'sent' && r.batchId !== null && r.batchStatus === 'sending');
  }

  // 2. Send every batch of the page still `sending`; 3. settle it.
  const batches = new Map<number, PageRow[]>();
  for (const r of going) {
    const list = batches.get(r.batchId!);
    if (list) list.push(r);
    else batches.set(r.batchId!, [r]);
  }
  // A one-call-per-recipient method the provider cannot dedupe is sent and settled a slice at a time,
  // the next slice's calls going out while the last one's answers are recorded (in order): a crash
  // mid-batch then resends at most the calls of two slices, never those of slices settled.
  const oneByOne = capabilityOf(input.send.method);
  const slice = oneByOne.batchSize === 1 && !oneByOne.providerDedup ? SETTLE_SLICE : Number.POSITIVE_INFINITY;
  const settle = async (batchId: number, rows: readonly PageRow[], outcome: BatchOutcome, more: boolean) => {
    // The provider has answered: its answers are recorded even if the database is away for a while
    // (a retry of the page would send them again).
    const settled = await untilRecorded(() =>
      settleBatch(db, ids, batchId, rows, { ...outcome, more }, input.now, {
        channelAccountId: account.id,
        method: input.send.method,
      }),
    );
    add(settled.counted);
    page.sent -= settled.moved.failed + settled.moved.skipped;
    page.failed += settled.moved.failed;
    page.skipped += settled.moved.skipped;
  };
  for (const [batchId, members] of batches) {
    members.sort((a, b) => a.id - b.id);
    let recording: Promise<void> = Promise.resolve();
    for (let from = 0; from < members.length; from += slice) {
      const part = members.slice(from, from + slice);
      const outcome = await sendBatch(deps, input, account, policies, part, zone);
      await recording;
      const last = from + slice >= members.length;
      if (outcome.failure || outcome.retryable) {
        // A permanent failure ends the whole batch: the rows not yet sent fail with it.
        await settle(batchId, outcome.failure ? members.slice(from) : part, outcome, false);
        if (outcome.retryable) throwRetryable(outcome.retryable);
        break;
      }
      recording = settle(batchId, part, outcome, !last);
      // Settled before the next slice's settlement (in order); an error stops the page.
      recording.catch(() => {});
    }
    await recording;
  }
  return { ...counted, page, processed, lastId };
}

/** How many calls of a method without provider dedup go out at once (two slices' at most are unrecorded). */
const SETTLE_SLICE = 16;

/**
 * Runs `record` until it succeeds while the database is unreachable (restarting, failing over), for up
 * to two minutes, heartbeating; other errors are thrown at once. `record` must be safe to run again.
 */
async function untilRecorded<T>(record: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + 120_000;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await record();
    } catch (error) {
      if (!isConnectionLoss(error) || Date.now() > giveUpAt) throw error;
      heartbeat({ waitingForDatabase: true });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Hands a retryable provider failure to Temporal, with the provider's delay when it gave one. */
function throwRetryable(e: ChannelError): never {
  throw ApplicationFailure.create({
    type: e.code,
    message: e.message,
    nonRetryable: false,
    ...(e.retryAfterMs ? { nextRetryDelay: e.retryAfterMs } : {}),
  });
}

/**
 * The account's own quotas (calls or messages a day) for the rows a page sends, reserved in the
 * page's transaction; rows beyond what is granted become `skipped` with the policy's reason (in
 * contact order: the page keeps its head) and leave the batch. Returns how many it stopped.
 */
async function applyAccountQuotas(
  tx: ActivityDeps['db'],
  input: DeliverInput,
  policies: readonly QuotaPolicy[],
  page: RecordedPage,
  zone: string,
): Promise<number> {
  const capability = capabilityOf(input.send.method);
  let stoppedTotal = 0;
  for (const policy of policies.filter((p) => p.kind === 'quota' && p.per === 'account')) {
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
    await tx.execute(
      sql`update deliveries set status = 'skipped', skip_reason = ${policy.skipReason}, batch_id = null where id = any(${deliveryIds(stopped.map((r) => r.id))})`,
    );
    const gone = new Set(stopped.map((r) => r.id));
    page.going = page.going.filter((r) => !gone.has(r.id));
    stoppedTotal += stopped.length;
    // A batch (one per variant) none of whose rows still go out is removed.
    const left = new Set(page.going.map((r) => r.batchId));
    const empty = page.batchIds.filter((id) => !left.has(id));
    if (empty.length > 0) await tx.execute(sql`delete from delivery_batches where id = any(${deliveryIds(empty)})`);
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

/** Refusals that are a rule's skip, not a failure: the window was closed, the personalised text too long. */
const skipReasonOf: Partial<Record<string, SkipReason>> = {
  HERALD_ERR_CHANNEL_WINDOW_CLOSED: 'window_closed',
  HERALD_ERR_MESSAGE_TOO_LONG: 'too_long',
};

interface BatchOutcome {
  /** What each employee was asked to send (WeCom's methods through owners). */
  tasks: NewTask[];
  results: RecipientResult[];
  /** A non-retryable error for every row of the batch without a result. */
  failure?: ChannelError;
  /** A retryable error: rows without a result stay in the batch for the next attempt. */
  retryable?: ChannelError;
  /** More rows of the batch follow: the answered rows settle on their own and the batch stays open. */
  more?: boolean;
}

/** Calls the provider for a batch's rows (one call per method: a window's fallback goes by its own). */
async function sendBatch(
  deps: ActivityDeps,
  input: DeliverInput,
  account: Awaited<ReturnType<typeof loadAccount>>['config'],
  policies: readonly QuotaPolicy[],
  members: readonly PageRow[],
  zone: string,
): Promise<BatchOutcome> {
  const capability = capabilityOf(input.send.method);
  const owners = [...new Set(members.flatMap((r) => r.ownerEmployeeIds))];
  const ownerUserIds = new Map(
    owners.length === 0
      ? []
      : rowsOf<{ id: string; wecom_user_id: string }>(
          await deps.db.execute(sql`
    select id, wecom_user_id from employees where id = any(${uuidList(owners)})`),
        ).map((e) => [e.id, e.wecom_user_id]),
  );
  // What personalised messages read of each contact (group chats have none: they render as for nobody);
  // an agent message's request names its contact.
  const contacts = isPersonal(input.send)
    ? await templateContacts(deps.db, { workspaceId: input.workspaceId, contactIds: members.map((r) => r.contactId) })
    : new Map<string, TemplateContact>();
  const recipients: Recipient[] = members.map((r) => {
    const contact = contacts.get(r.contactId);
    return {
      key: String(r.id),
      address: r.recipient ?? '',
      owners: r.ownerEmployeeIds.map((id) => ownerUserIds.get(id)).filter((u): u is string => u !== undefined),
      ...(contact ? { contact } : {}),
    };
  });

  for (const policy of policies.filter((p) => p.kind === 'rate' && p.per === 'account')) {
    const calls = Math.ceil(recipients.length / capability.batchSize);
    let granted = 0;
    while (granted < calls) {
      granted += await reserveForAccount(
        deps.db,
        input.workspaceId,
        policy,
        account.id,
        calls - granted,
        new Date(),
        zone,
      );
      if (granted < calls) await sleepUntil(nextWindowStart(policy.window, new Date(), zone));
    }
  }

  heartbeat({ sending: recipients.length });
  const outcome: BatchOutcome = { results: [], tasks: [] };
  const methodOf = new Map(members.map((r) => [String(r.id), r.method]));
  for (const method of new Set(methodOf.values())) {
    const isFallback = method !== input.send.method && input.send.fallback?.method === method;
    const group = recipients.filter((r) => methodOf.get(r.key) === method);
    const messages = isFallback ? input.send.fallback!.messages : messagesOfVariant(input.send, members[0]!.variant);
    // Each contact's text is checked as personalised for them: one that does not fit is refused, never cut.
    const { fit, refused } = fitRecipients(group, messages, method as MethodId);
    outcome.results.push(...refused);
    if (fit.length === 0) continue;
    try {
      outcome.results.push(
        ...(await deps.channels.send({
          method: method as SendData['method'],
          account,
          recipients: fit,
          messages: await withPlatformMedia(deps.db, deps.channels.wecomAdapter, account, messages),
          type: input.send.type,
          dedupKey: `${input.runId}:${input.nodeId}:${input.entrySeq}:${group[0]!.key}`,
          ...(input.send.groupName ? { groupName: input.send.groupName } : {}),
        })),
      );
    } catch (caught) {
      // Calls answered before the failure are kept: settled now, never sent again.
      if (caught instanceof PartialSendError) outcome.results.push(...caught.results);
      const error = caught instanceof PartialSendError ? caught.error : caught;
      if (!(error instanceof ChannelError)) throw error;
      if (error.retryable) outcome.retryable = error;
      else outcome.failure = error;
      break;
    }
  }
  const employeeOf = new Map([...ownerUserIds].map(([id, userid]) => [userid, id]));
  outcome.tasks = tasksOfResults(outcome.results, employeeOf, input.send.method === 'wecom_agent');
  return outcome;
}

/**
 * Records a batch's outcome once, only while the batch is still `sending` (a batch another
 * attempt settled counts nothing again). When every row was accepted with one message id — the
 * common case — that is one statement on the batch and the counters, whatever the batch's size.
 * Otherwise, in one transaction: failures move their rows; distinct message ids go on their rows;
 * the batch becomes `sent` (or `failed`). After a retryable error the rows the provider already
 * accepted leave the batch, settled on their own rows, and the batch stays `sending` for the next
 * attempt. Returns what it counted and how many rows left `sent`.
 */
async function settleBatch(
  db: ActivityDeps['db'],
  ids: CounterIds,
  batchId: number,
  members: readonly PageRow[],
  outcome: BatchOutcome,
  now: Date,
  send: { channelAccountId: string; method: string },
): Promise<{ counted: Transitions; moved: { failed: number; skipped: number } }> {
  const ok = outcome.results.filter((r): r is Extract<RecipientResult, { ok: true }> => r.ok);
  const shared =
    ok.length > 0 && ok.every((r) => r.providerMessageId === ok[0]!.providerMessageId)
      ? ok[0]!.providerMessageId
      : null;
  const at = now.toISOString();
  // The batch stays `sending` (for a retry, or for the rows still to go); answered rows leave it.
  const open = outcome.retryable !== undefined || outcome.more === true;
  const taskBatch: TaskBatch = { ...ids, batchId, ...send, tasks: outcome.tasks, now };
  // An agent message is handed to an employee, who has not sent it yet: its row says so (pending_employee).
  const toEmployee = send.method === 'wecom_agent';
  if (!open && !outcome.failure && ok.length === members.length && shared !== null && !toEmployee) {
    const when = sql`exists (select 1 from settled)`;
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`
      with settled as (update delivery_batches set status = 'sent', provider_message_id = ${shared}, sent_at = ${at}::timestamptz where id = ${batchId} and status = 'sending' returning id),
      ${counterCtes(ids, { sent: sql`${ok.length}` }, when)}${outcome.tasks.length > 0 ? sql`, ${tasksCte(taskBatch, when)}` : sql``}
      select count(*)::int as n from settled`),
    );
    return { counted: { sent: row?.n ? ok.length : 0, failed: 0, skipped: 0 }, moved: { failed: 0, skipped: 0 } };
  }
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as typeof db;
    const none = { counted: { sent: 0, failed: 0, skipped: 0 }, moved: { failed: 0, skipped: 0 } };
    const [batch] = rowsOf<{ status: string }>(
      await tx.execute(sql`select status from delivery_batches where id = ${batchId} for update`),
    );
    if (batch?.status !== 'sending') return none;
    const failures: Outcome[] = outcome.results
      .filter((r): r is Extract<RecipientResult, { ok: false }> => !r.ok)
      .map((r) => {
        const skipReason = skipReasonOf[r.error.code] ?? null;
        return {
          id: Number(r.key),
          status: skipReason ? 'skipped' : 'failed',
          skipReason,
          errorCode: r.error.code,
          errorMessage: r.error.message,
        };
      });
    if (outcome.failure) {
      const answered = new Set(outcome.results.map((r) => Number(r.key)));
      const failure = outcome.failure;
      failures.push(
        ...members
          .filter((r) => !answered.has(r.id))
          .map((r) => ({
            id: r.id,
            status: 'failed' as const,
            errorCode: failure.code,
            errorMessage: failure.message,
          })),
      );
    }
    const transitions = await transition(tx, ['sent'], failures);
    const moved = {
      failed: transitions.filter((m) => m.status === 'failed').length,
      skipped: transitions.filter((m) => m.status === 'skipped').length,
    };
    let sent = ok.length;
    if (open || (ok.length > 0 && shared === null) || (toEmployee && ok.length > 0)) {
      // Accepted rows that cannot share the batch's outcome carry their own (agent messages: waiting for the
      // employee). Leaving an open batch, a row is counted once: the batch_id test makes recording the same
      // answers again count nothing.
      const own = JSON.stringify(ok.map((r) => [Number(r.key), r.providerMessageId]));
      const left = rowsOf<{ id: string }>(
        await tx.execute(sql`update deliveries d set provider_message_id = x->>1,
          ${toEmployee ? sql`status = 'pending_employee'` : sql`sent_at = ${at}::timestamptz`} ${open ? sql`, batch_id = null` : sql``}
        from jsonb_array_elements(${own}::jsonb) x where d.id = (x->>0)::bigint and d.status = 'sent' ${open ? sql`and d.batch_id = ${batchId}` : sql``}
        returning d.id`),
      );
      if (open) sent = left.length;
    }
    await recordTasks(tx, taskBatch);
    if (!open) {
      await tx.execute(
        sql`update delivery_batches set status = ${ok.length > 0 ? 'sent' : 'failed'}, provider_message_id = ${shared}, sent_at = ${at}::timestamptz where id = ${batchId}`,
      );
    }
    const counted = { sent, ...moved };
    await bumpCounters(tx, ids, counted);
    return { counted, moved };
  });
}
