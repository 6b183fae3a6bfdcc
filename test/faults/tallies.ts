// After a fault: wait (bounded) until every send finished, then count each broadcast from four
// independent sources — the ledger's rows, the run's counters, the API's answers (detail and the
// recipients list), the sandbox's own counts — and check they agree, exactly once.
import { deliveryBatchJoin, deliveryStatus, rowsOf, sql, textList } from '@herald/db';
import type { FaultEnv } from './env';
import type { Injection } from './faults';
import type { TrackedBroadcast, Workload } from './workload';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Herald's send, as the run's counters count it: an agent message handed to its employee (pending_employee)
// has gone from Herald; whether the employee sends it on is the employee's.
const sentStatuses = ['sent', 'delivered', 'read', 'replied', 'pending_employee'];

/** One check: `known` marks a failure already measured and explained (it is printed, and does not fail the run). */
export interface Check {
  text: string;
  ok: boolean;
  known?: string;
}

export interface BroadcastTally {
  method: string;
  providerDedup: boolean;
  audience: number;
  ledgerSent: number;
  countersSent: number;
  apiSent: number;
  sandboxPeople: number;
  /** People who received the message more than once (the sandbox's counts after its dedup). */
  receivedTwice: number;
  /** Messages beyond one per person, and the most copies one person received. */
  extraMessages: number;
  mostCopies: number;
  /** People whom more than one accepted call carried it to (raw, before the provider's dedup). */
  carriedTwice: number;
  dropped: number;
}

type Detail = { status: string; runId: string | null; stats: Record<string, number> };

/** Waits until every broadcast is final and every fan's journey sent, or the deadline passed. */
export async function settle(env: FaultEnv, w: Workload, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  await w.poster.done;
  for (;;) {
    const details = await Promise.all(w.broadcasts.map((b) => env.call<Detail>('GET', `/api/broadcasts/${b.id}`)));
    const journey = await journeyRows(env, w);
    const final = details.every((d) => ['completed', 'failed', 'canceled'].includes(d.status));
    if ((final && journey.total >= w.fans && journey.open === 0) || Date.now() > deadline) break;
    await sleep(1000);
  }
  await sleep(1500); // late duplicates, if any, would arrive now
}

async function journeyRows(env: FaultEnv, w: Workload) {
  return rowsOf<{ total: number; open: number; contacts: number; unsent: string | null }>(
    await env.db.db.execute(sql`
    select count(*)::int as total, count(*) filter (where ${deliveryStatus} in ('pending', 'sending'))::int as open,
      count(distinct d.contact_id)::int as contacts,
      -- Why rows did not go (a fan without a welcome is then explained by its row, or by its absence).
      string_agg(${deliveryStatus} || ' ' || coalesce(d.skip_reason, d.error_code, ''), ', ')
        filter (where ${deliveryStatus} not in ('sent', 'delivered', 'read', 'clicked')) as unsent
    from deliveries d ${deliveryBatchJoin} join runs r on r.id = d.run_id
      join journey_versions v on v.id = r.journey_version_id
    where v.journey_id = ${w.journeyId}::uuid`),
  )[0]!;
}

/** The four sources for one broadcast, and the checks that they agree and that each person got it once. */
export async function tallyBroadcast(
  env: FaultEnv,
  b: TrackedBroadcast,
  injection: Pick<Injection, 'kills' | 'timedOut'>,
): Promise<{ tally: BroadcastTally; checks: Check[] }> {
  const detail = await env.call<Detail>('GET', `/api/broadcasts/${b.id}`);
  const runId = detail.runId!;
  // 1. The ledger's rows, read through their batch.
  const [ledger] = rowsOf<{
    rows: number;
    contacts: number;
    open: number;
    sent: number;
    failed: number;
    skipped: number;
  }>(
    await env.db.db.execute(sql`
    select count(*)::int as rows, count(distinct d.contact_id)::int as contacts,
      count(*) filter (where ${deliveryStatus} in ('pending', 'sending'))::int as open,
      count(*) filter (where ${deliveryStatus} = any(${textList(sentStatuses)}))::int as sent,
      count(*) filter (where d.status = 'failed')::int as failed,
      count(*) filter (where d.status = 'skipped')::int as skipped
    from deliveries d ${deliveryBatchJoin} where d.run_id = ${runId}::uuid`),
  );
  const ledgerSent = new Set(
    rowsOf<{ recipient: string }>(
      await env.db.db.execute(
        sql`select d.recipient from deliveries d ${deliveryBatchJoin}
          where d.run_id = ${runId}::uuid and ${deliveryStatus} = any(${textList(sentStatuses)})`,
      ),
    ).map((r) => r.recipient),
  );
  // 2. The counters the activities grew as rows moved (the run's and its node's).
  const [counters] = rowsOf<{ total: number; sent: number; failed: number; skipped: number; node: string }>(
    await env.db.db.execute(sql`
    select r.total, r.sent, r.failed, r.skipped,
      coalesce((select json_build_array(sum(n.sent), sum(n.failed), sum(n.skipped))::text
        from node_stats n where n.journey_version_id = r.journey_version_id), '[]') as node
    from runs r where r.id = ${runId}::uuid`),
  );
  const [nodeSent, nodeFailed, nodeSkipped] = (JSON.parse(counters!.node) as Array<number | null>).map(Number);
  // 3. The API: the detail page's stats and every recipient it lists, page by page.
  const listed: Array<{ recipient: string | null; status: string }> = [];
  for (let cursor: number | null = 0; cursor !== null;) {
    const page: { items: Array<{ recipient: string | null; status: string }>; nextCursor: number | null } =
      await env.call('GET', `/api/broadcasts/${b.id}/recipients?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
    listed.push(...page.items);
    cursor = page.nextCursor;
  }
  const apiSentRecipients = new Set(listed.filter((r) => sentStatuses.includes(r.status)).map((r) => r.recipient));
  // 4. The sandbox: who received it (after its dedup) and how many accepted calls carried it to each (before).
  const people = new Set(b.received.keys());
  const receivedTwice = [...b.received.values()].filter((n) => n > 1).length;
  const carriedTwice = [...env.sandbox.store.callsByRecipient(b.filter).values()].filter((n) => n > 1).length;
  const messages = [...b.received.values()].reduce((a, n) => a + n, 0);
  const mostCopies = Math.max(0, ...b.received.values());
  const arrivedNotSent = [...people].filter((r) => !ledgerSent.has(r)).length;
  const sentNotArrived = [...ledgerSent].filter((r) => !people.has(r)).length;
  const apiDiffers = [...apiSentRecipients].filter((r) => !ledgerSent.has(r ?? '')).length;

  const l = ledger!;
  const c = counters!;
  const s = detail.stats as Record<'total' | 'sent' | 'failed' | 'skipped' | 'pending' | 'pendingEmployee', number>;
  const name = b.method;
  const bound = ambiguousBound(injection, b.providerDedup);
  const checks: Check[] = [
    { text: `${name}: broadcast ${detail.status}`, ok: detail.status === 'completed' },
    {
      text:
        `${name} ledger: ${l.rows} rows for ${l.contacts} contacts of ${b.audience}, ${l.open} open; ` +
        `${l.sent} sent, ${l.failed} failed, ${l.skipped} skipped`,
      ok: l.rows === b.audience && l.contacts === b.audience && l.open === 0 && l.sent === b.audience,
    },
    {
      text:
        `${name} counters: run ${c.sent} sent, ${c.failed} failed, ${c.skipped} skipped of ${c.total}; ` +
        `node ${nodeSent}/${nodeFailed}/${nodeSkipped} — ledger ${l.sent}/${l.failed}/${l.skipped}`,
      ok:
        c.sent === l.sent &&
        c.failed === l.failed &&
        c.skipped === l.skipped &&
        c.total === b.audience &&
        nodeSent === l.sent &&
        nodeFailed === l.failed &&
        nodeSkipped === l.skipped,
    },
    {
      text:
        `${name} API: detail total ${s.total}, sent ${s.sent} (+${s.pendingEmployee} with their employees), ` +
        `failed ${s.failed}, skipped ${s.skipped}, pending ${s.pending}; ` +
        `recipients list ${listed.length} rows, ${apiSentRecipients.size} sent ` +
        `(${apiDiffers} not sent in the ledger)`,
      ok:
        s.total === b.audience &&
        // The API shows an agent message waiting for its employee as pending (the marketer waits for them).
        s.sent + s.pendingEmployee === l.sent &&
        s.failed === l.failed &&
        s.skipped === l.skipped &&
        s.pending === s.pendingEmployee &&
        listed.length === b.audience &&
        apiSentRecipients.size === l.sent &&
        apiDiffers === 0,
    },
    {
      text:
        `${name} sandbox: ${people.size} people received ${messages} messages; ledger 'sent' ${l.sent} ` +
        `(${arrivedNotSent} arrived but not sent, ${sentNotArrived} sent but not arrived)`,
      ok: people.size === l.sent && arrivedNotSent === 0 && sentNotArrived === 0,
    },
    {
      text:
        `${name}: ${receivedTwice} people received it twice or more (${messages - people.size} extra messages, ` +
        `at most ${mostCopies} to one person); calls carried ${carriedTwice} people twice (raw; the provider ` +
        `${b.providerDedup ? `dropped ${b.dropped} repeats` : 'has no dedup'}); ` +
        `at most ${bound} extra messages allowed ` +
        `(calls whose outcome nobody learned: ${injection.timedOut} timeouts, ${injection.kills} kills)`,
      ok: messages - people.size <= bound,
    },
  ];
  return {
    tally: {
      method: b.method,
      providerDedup: b.providerDedup,
      audience: b.audience,
      ledgerSent: l.sent,
      countersSent: c.sent,
      apiSent: s.sent,
      sandboxPeople: people.size,
      receivedTwice,
      extraMessages: messages - people.size,
      mostCopies,
      carriedTwice,
      dropped: b.dropped,
    },
    checks,
  };
}

/**
 * The most people a method without provider dedup may reach twice, and why: a call whose outcome nobody
 * learned — the provider processed it but its answer timed out, or the worker was killed while it was in
 * flight — is sent again, as nothing can tell it went. Everything answered is settled before a retry
 * (PartialSendError), and one-by-one sends settle every SETTLE_SLICE calls, so a kill leaves at most a
 * slice unsettled in each of a run's lanes. With no kill and no timeout the bound is 0.
 */
export function ambiguousBound(injection: Pick<Injection, 'kills' | 'timedOut'>, providerDedup: boolean): number {
  return providerDedup ? 0 : injection.timedOut + injection.kills * RUN_LANES * SETTLE_SLICE;
}
/** settle-batch.ts's SETTLE_SLICE and the run workflow's default lanes. */
const SETTLE_SLICE = 16;
const RUN_LANES = 4;

/** The journey's and the webhooks' checks (events stored once, entered once, welcomed once). */
export async function journeyChecks(
  env: FaultEnv,
  w: Workload,
): Promise<{ checks: Check[]; figures: Record<string, number> }> {
  const [events] = rowsOf<{ n: number; ten: number }>(
    await env.db.db.execute(sql`select count(*)::int as n,
      count(*) filter (where properties->>'channelAccountId' = ${w.wechat}
        and external_id like ${`${w.name}-openid1:%`})::int as ten
    from inbound_events where workspace_id = ${env.workspaceId}::uuid and source = ${`wechat:${w.wechat}`}`),
  );
  const [entries] = rowsOf<{ n: number; contacts: number; first: number }>(
    await env.db.db.execute(sql`select count(*) filter (where status <> 'skipped')::int as n,
      count(distinct contact_id)::int as contacts,
    count(*) filter (where contact_id = (select contact_id from contact_identities
      where value = ${`${w.name}-openid1`} and channel_account_id = ${w.wechat}::uuid))::int as first
    from journey_entries where journey_id = ${w.journeyId}::uuid`),
  );
  const j = await journeyRows(env, w);
  const welcomes = [...w.welcome.received.values()].reduce((a, n) => a + n, 0);
  const welcomeTwice = [...w.welcome.received.values()].filter((n) => n > 1).length;
  const carriedTwice = [...env.sandbox.store.callsByRecipient(w.welcome.filter).values()].filter((n) => n > 1).length;
  const p = w.poster;
  return {
    checks: [
      {
        text: `every fan event stored once: ${events!.n} events for ${w.fans} fans (${p.accepted} posts accepted)`,
        ok: events!.n === w.fans,
      },
      {
        text: `the event posted ten times stored once (${events!.ten}) and entered once (${entries!.first})`,
        ok: events!.ten === 1 && entries!.first === 1,
      },
      {
        text: `journey entered once per fan: ${entries!.n} entries, ${entries!.contacts} contacts`,
        ok: entries!.n === w.fans && entries!.contacts === w.fans,
      },
      {
        text:
          `journey ledger: ${j.total} rows, ${j.contacts} contacts, ${j.open} open` +
          (j.unsent ? `; not sent: ${j.unsent}` : ''),
        ok: j.total === w.fans && j.contacts === w.fans && j.open === 0,
      },
      {
        text:
          `welcomes: ${welcomes} messages to ${w.welcome.received.size} fans, ${welcomeTwice} received twice; ` +
          `calls carried ${carriedTwice} twice (raw)`,
        ok: welcomes === w.fans && w.welcome.received.size === w.fans,
      },
      {
        text: `webhook poster gave up on none, none refused: ${p.gaveUp} gave up, ${p.refused4xx} refused`,
        ok: p.gaveUp === 0 && p.refused4xx === 0,
      },
    ],
    figures: {
      welcomeTwice,
      welcomeCarriedTwice: carriedTwice,
      events: events!.n,
      entries: entries!.n,
      webhookPosts: p.posts,
      postRetries: p.retriedConnection + p.retried5xx,
    },
  };
}
