// What the journey fault scenarios share: accounts, contacts and journeys set up through the API, the
// sandbox's live count of each watched message, the ledger read per step, and the checks that every
// contact got the message meant for it exactly once — at the sandbox's raw count of calls (before the
// provider's own dedup), in the ledger and in the API.
import { liftedMemberRates } from '@herald/engine/testing';
import { deliveryBatchJoin, deliveryStatus, rowsOf, sql } from '@herald/db';
import { employeesOwning, type FaultEnv } from './env';
import type { Check } from './tallies';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Where the employees' answers of a journey went: acted on at the sandbox and not told to Herald, kept
 * by Herald unmatched (`early_callbacks`), and rows still waiting for their employee, per step.
 */
export async function employeeAnswersOf(env: FaultEnv, journeyId: string): Promise<string> {
  const answers = env.sandbox.employeeAnswers();
  const told = (list: typeof answers) =>
    (['pending', 'no', 'applied', 'held', 'nothing'] as const)
      .map((t) => `${t} ${list.filter((a) => a.told === t).length}`)
      .join(', ');
  const held = rowsOf<{ n: number }>(
    await env.db.db.execute(sql`select count(*)::int as n from early_callbacks where source = 'employee'`),
  )[0]?.n;
  const waiting = rowsOf<{ id: string; node_id: string }>(
    await env.db.db.execute(sql`
    select d.id::text as id, d.node_id from deliveries d join runs r on r.id = d.run_id
      join journey_versions v on v.id = r.journey_version_id
    where v.journey_id = ${journeyId}::uuid and d.status = 'pending_employee'`),
  );
  const waitingIds = new Set(waiting.map((w) => w.id));
  const ofWaiting = answers.filter((a) => a.ref !== undefined && waitingIds.has(a.ref));
  const byNode = new Map<string, number>();
  for (const w of waiting) byNode.set(w.node_id, (byNode.get(w.node_id) ?? 0) + 1);
  // Why answers were not taken (after the sandbox told Herald 4 times, as WeCom does): Herald's status or
  // the call's error, and how long it took.
  const why = new Map<string, { n: number; ms: number[] }>();
  for (const a of answers.filter((x) => x.told === 'no')) {
    const key = a.answer.slice(0, 80);
    const w = why.get(key) ?? { n: 0, ms: [] };
    w.n += 1;
    w.ms.push(a.answerMs);
    why.set(key, w);
  }
  const notTaken = [...why]
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, 5)
    .map(([k, w]) => `${w.n}× ${JSON.stringify(k)} (max ${w.ms.reduce((a, b) => Math.max(a, b), 0)} ms)`);
  const ms = answers.map((a) => a.answerMs).sort((a, b) => a - b);
  const retold = answers.filter((a) => a.tells > 1).length;
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return (
    `employee answers: ${answers.length} acted on, Herald told: ${told(answers)}; answered in p50 ${at(0.5)} ms, ` +
    `p99 ${at(0.99)} ms, max ${at(1)} ms; told again (as WeCom retries): ${retold}; ` +
    `not taken: ${notTaken.join('; ') || 'none'}; ${held ?? 0} kept unmatched ` +
    `at the end; rows waiting for their employee: ${[...byNode].map(([n, c]) => `${n} ${c}`).join(', ') || 'none'}` +
    (waiting.length > 0 ? ` (${ofWaiting.length} of them acted on, Herald told: ${told(ofWaiting)})` : '')
  );
}

/** One message of a journey as the sandbox sees it: a WeCom agent text, and who should get it. */
export interface Watched {
  /** The journey's send step that sends it. */
  nodeId: string;
  filter: { channel: 'wecom'; method: 'agent'; account: string; content: string };
  /** WeCom user ids that must get it, once each. */
  expected: Set<string>;
  /** Calls that carried it so far (live, raw: delivered and dropped as repeats). */
  calls: number;
}

/** A sandbox watch over some messages; `detach` restores the hooks it chained. */
export function watchMessages(env: FaultEnv, watched: Watched[]): { detach(): void } {
  const store = env.sandbox.store;
  const previousAdd = store.onAdd;
  const previousDrop = store.onDrop;
  const count = (m: { channel: string; method: string; account: string; content: string }) => {
    const w = watched.find(
      (x) =>
        x.filter.channel === m.channel &&
        x.filter.method === m.method &&
        x.filter.account === m.account &&
        x.filter.content === m.content,
    );
    if (w) w.calls++;
  };
  store.onAdd = (m) => {
    previousAdd?.(m);
    count(m);
  };
  store.onDrop = (d) => {
    previousDrop?.(d);
    count(d);
  };
  return {
    detach: () => {
      store.onAdd = previousAdd;
      store.onDrop = previousDrop;
    },
  };
}

/** A WeCom account on the sandbox, through the API; returns its id and the corp id the sandbox files calls under. */
export async function wecomAccount(env: FaultEnv, name: string): Promise<{ id: string; corpId: string }> {
  const corpId = `corp-${name}`;
  const { id } = await env.call<{ id: string }>('POST', '/api/channel-accounts', {
    kind: 'wecom',
    name: `WeCom ${name}`,
    baseUrl: env.sandbox.url,
    settings: { corpId, agentId: 1000002 },
    credentials: { secret: 's', callbackToken: `cb-${name}` },
    // Thousands of contacts per employee: these faults are about kills and restarts, not WeCom's
    // per-member pacing (30 app messages a minute per employee), which the account lifts.
    quotaOverrides: liftedMemberRates(),
  });
  // The WeCom app tells Herald when an employee has sent a message on (the report counts it sent then).
  await fetch(`${env.sandbox.url}/_sandbox/wecom/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ corpId, url: `${env.apiUrl}/webhooks/wecom/${id}`, token: `cb-${name}` }),
  });
  return { id, corpId };
}

/** Imports contacts through the API, 10,000 a request; returns the id of `tag` (which they carry). */
export async function importTagged(
  env: FaultEnv,
  contacts: Array<Record<string, unknown>>,
  tag: string,
): Promise<string> {
  const owner = await employeesOwning(env, tag.replace(/\W+/g, '-'));
  const owned = contacts.map((c, i) => ({ ...c, owners: owner(i) }));
  for (let i = 0; i < owned.length; i += 10_000)
    await env.call('POST', '/api/contacts/import', { contacts: owned.slice(i, i + 10_000) });
  const tags = (await env.call<{ items: Array<{ id: string; name: string }> }>('GET', '/api/tags')).items;
  return tags.find((t) => t.name === tag)!.id;
}

/** A WeCom agent text step: an app message to each contact's owning employee, who sends it on. */
export const agentStep = (id: string, accountId: string, text: string, y: number) => ({
  id,
  kind: 'send',
  position: { x: 0, y },
  data: {
    channelAccountId: accountId,
    channel: 'wecom',
    method: 'wecom_agent',
    type: 'contacts',
    messages: [{ type: 'text', text }],
  },
});

/** Where a journey stands in the ledger, per send step. */
export interface StepLedger {
  rows: number;
  contacts: number;
  open: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Recipients of the rows that went out. */
  sentTo: Set<string>;
}

/** The ledger of a journey (every run of every version), per send step. */
export async function ledgerOf(env: FaultEnv, journeyId: string): Promise<Map<string, StepLedger>> {
  const list = rowsOf<{ node_id: string; recipient: string; status: string }>(
    await env.db.db.execute(sql`
    select d.node_id, d.recipient, ${deliveryStatus} as status
    from deliveries d ${deliveryBatchJoin} join runs r on r.id = d.run_id
      join journey_versions v on v.id = r.journey_version_id
    where v.journey_id = ${journeyId}::uuid`),
  );
  const out = new Map<string, StepLedger>();
  const contacts = new Map<string, Set<string>>();
  for (const r of list) {
    let s = out.get(r.node_id);
    if (!s) {
      s = { rows: 0, contacts: 0, open: 0, sent: 0, failed: 0, skipped: 0, sentTo: new Set() };
      out.set(r.node_id, s);
      contacts.set(r.node_id, new Set());
    }
    s.rows++;
    contacts.get(r.node_id)!.add(r.recipient);
    if (r.status === 'pending' || r.status === 'sending') s.open++;
    else if (r.status === 'failed') s.failed++;
    else if (r.status === 'skipped') s.skipped++;
    else {
      s.sent++;
      s.sentTo.add(r.recipient);
    }
  }
  for (const [node, s] of out) s.contacts = contacts.get(node)!.size;
  return out;
}

/**
 * Recipients whose message the ledger shows still going out (`pending`, or `sent` in a batch still
 * `sending`) — read while the worker is dead, these are the calls it may have made without recording
 * the answer, which its page's retry sends again under the same dedup key. Keyed by send step.
 */
export async function unsettledRows(env: FaultEnv, journeyId: string): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const [node, s] of await ledgerOf(env, journeyId)) if (s.open > 0) out.set(node, new Set());
  if (out.size === 0) return out;
  const list = rowsOf<{ node_id: string; recipient: string }>(
    await env.db.db.execute(sql`
    select d.node_id, d.recipient
    from deliveries d ${deliveryBatchJoin} join runs r on r.id = d.run_id
      join journey_versions v on v.id = r.journey_version_id
    where v.journey_id = ${journeyId}::uuid and ${deliveryStatus} in ('pending', 'sending')`),
  );
  for (const r of list) out.get(r.node_id)?.add(r.recipient);
  return out;
}

/** A worker kill: when it struck, and the rows the dead worker left unsettled (per send step). */
export interface KillMark {
  at: number;
  unsettled: Map<string, Set<string>>;
}

/** The journey's runs (occurrences first by time), as the ledger holds them. */
export async function runsOf(
  env: FaultEnv,
  journeyId: string,
): Promise<Array<{ id: string; status: string; occurrenceAt: Date | null; sent: number; total: number }>> {
  return rowsOf<{ id: string; status: string; occurrence_at: Date | string | null; sent: number; total: number }>(
    await env.db.db.execute(sql`
    select r.id, r.status, r.occurrence_at, r.sent, r.total from runs r
      join journey_versions v on v.id = r.journey_version_id
    where v.journey_id = ${journeyId}::uuid order by r.occurrence_at nulls first, r.created_at`),
  ).map((r) => ({
    id: r.id,
    status: r.status,
    occurrenceAt: r.occurrence_at === null ? null : new Date(r.occurrence_at),
    sent: r.sent,
    total: r.total,
  }));
}

/** Waits (bounded) until `ready()` resolves true; false when `ms` passed first. */
export async function until(ready: () => boolean | Promise<boolean>, ms: number, everyMs = 25): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/** The API's step counters of a journey's live version. */
export type NodeStats = Record<
  string,
  { entered: number; waiting: number; sent: number; failed: number; skipped: number; converted: number }
>;
/** GET /api/journeys/:id/stats, its nodes. */
export const statsOf = async (env: FaultEnv, journeyId: string): Promise<NodeStats> =>
  (await env.call<{ nodes: NodeStats }>('GET', `/api/journeys/${journeyId}/stats`)).nodes;

/**
 * The checks of one message: at the sandbox's raw count every expected person was carried it exactly
 * once — or, for a person whose first call came before a kill and whose row the ledger showed
 * unsettled while the worker was dead, at most once more per such kill (the page's retry resends a
 * call whose answer the dead worker never recorded; the provider drops it) — nobody else was carried
 * it, each expected person received it once, and the ledger and the API name the same people and counts.
 */
export function messageChecks(
  env: FaultEnv,
  w: Watched,
  ledger: StepLedger | undefined,
  apiSent: number | undefined,
  kills: KillMark[],
): { checks: Check[]; carriedTwice: number; receivedTwice: number } {
  const raw = env.sandbox.store.callsByRecipient(w.filter);
  const received = env.sandbox.store.countByRecipient(w.filter);
  const firstCall = new Map<string, number>();
  for (const m of env.sandbox.store.query(w.filter)) if (!firstCall.has(m.recipient)) firstCall.set(m.recipient, m.at);
  const allowance = (r: string) =>
    kills.filter((k) => k.unsettled.get(w.nodeId)?.has(r) && (firstCall.get(r) ?? Infinity) <= k.at).length;
  const missing = [...w.expected].filter((r) => !raw.has(r)).length;
  const strangers = [...raw.keys()].filter((r) => !w.expected.has(r)).length;
  const twice = [...raw].filter(([, n]) => n > 1);
  const beyond = twice.filter(([r, n]) => n > 1 + allowance(r)).length;
  const unsettled = new Set(kills.flatMap((k) => [...(k.unsettled.get(w.nodeId) ?? [])])).size;
  const receivedTwice = [...received.values()].filter((n) => n > 1).length;
  const receivedOnce = [...w.expected].filter((r) => received.get(r) === 1).length;
  const l = ledger ?? { rows: 0, contacts: 0, open: 0, sent: 0, failed: 0, skipped: 0, sentTo: new Set<string>() };
  const ledgerOthers = [...l.sentTo].filter((r) => !w.expected.has(r)).length;
  const n = w.expected.size;
  const label = `'${w.filter.content}' (${w.nodeId})`;
  return {
    carriedTwice: twice.length,
    receivedTwice,
    checks: [
      {
        text:
          `${label} at the sandbox, raw: ${raw.size} people carried it, ${n - missing} of the ${n} meant for it ` +
          `(${missing} missing), ${strangers} others; ${twice.length} carried twice, ${beyond} of them beyond a ` +
          `call made before a kill for a row the dead worker left unsettled (${unsettled} such rows)`,
        ok: missing === 0 && strangers === 0 && beyond === 0,
      },
      {
        text: `${label} received: ${receivedOnce} of ${n} exactly once, ${receivedTwice} twice or more`,
        ok: receivedOnce === n && receivedTwice === 0 && received.size === n,
      },
      {
        text:
          `${label} ledger: ${l.rows} rows for ${l.contacts} contacts, ${l.open} open, ${l.sent} sent ` +
          `(${ledgerOthers} to people not meant for it), ${l.failed} failed, ${l.skipped} skipped`,
        ok: l.rows === n && l.contacts === n && l.open === 0 && l.sent === n && ledgerOthers === 0,
      },
      { text: `${label} API: the step counts ${apiSent ?? 'nothing'} sent`, ok: apiSent === n },
    ],
  };
}
