// One fault scenario's workload and its checks: a broadcast to N contacts and a real-time journey
// fed by follow webhooks that keep arriving (each event posted more than once, one ten times).
import { deliveryBatchJoin, deliveryStatus, sql } from '@herald/db';
import type { ReceivedMessage } from '@herald/sandbox';
import { wechatSignature } from '../../api/src/routes/wechat-webhook.routes';
import { seedContacts } from '../src/fixtures/seed';
import type { FaultEnv } from './env';

const rows = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Workload {
  name: string;
  contacts: number;
  fans: number;
  broadcastId: string;
  journeyId: string;
  wechat: string;
  broadcastText: string;
  welcomeText: string;
  /** Messages the sandbox accepted for this scenario, by recipient. */
  broadcastArrived: Map<string, number>;
  welcomeArrived: Map<string, number>;
  poster: PosterTally & { done: Promise<void> };
  /** The sandbox's duplicate-check counter when the scenario began. */
  suppressedAtStart: number;
  detach(): void;
}

export interface PosterTally {
  events: number;
  posts: number;
  accepted: number;
  retriedConnection: number;
  retried5xx: number;
  refused4xx: number;
  gaveUp: number;
}

/** Accounts, contacts, a published follow journey and an immediate broadcast; starts the webhook poster. */
export async function startWorkload(
  env: FaultEnv,
  name: string,
  contacts: number,
  fans: number,
  postsPerSecond: number,
): Promise<Workload> {
  const { call, db, workspaceId, employeeId, sandbox } = env;
  const wechat = (
    await call<{ id: string }>('POST', '/api/channel-accounts', {
      kind: 'wechat_service',
      name: `OA ${name}`,
      baseUrl: sandbox.url,
      settings: { appId: `wx-${name}` },
      credentials: { secret: 's', callbackToken: `cb-${name}` },
    })
  ).id;
  const wecom = (
    await call<{ id: string }>('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: `WeCom ${name}`,
      baseUrl: sandbox.url,
      settings: { corpId: `corp-${name}`, agentId: 1000002 },
      credentials: { secret: 's' },
    })
  ).id;
  const tag = (await call<{ id: string }>('POST', '/api/tags', { name: `audience ${name}` })).id;
  await seedContacts(db.db, {
    workspaceId,
    n: contacts,
    prefix: `${name}-c`,
    ownerEmployeeId: employeeId,
    identity: { kind: 'wecom_external_userid', valuePrefix: `${name}-wm` },
    tags: [{ tagId: tag, every: 1 }],
  });
  await seedContacts(db.db, {
    workspaceId,
    n: fans,
    prefix: `${name}-f`,
    ownerEmployeeId: employeeId,
    identity: { kind: 'wecom_external_userid', valuePrefix: `${name}-fwm` },
  });
  await db.db.execute(sql`insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
    select workspace_id, id, 'wechat_openid', ${wechat}::uuid, ${`${name}-openid`} || substring(external_id from ${name.length + 3}::int) from contacts
    where workspace_id = ${workspaceId}::uuid and external_id like ${`${name}-f%`}`);

  const welcomeText = `Welcome (${name})`;
  const broadcastText = `Autumn sale (${name})`;
  const broadcastArrived = new Map<string, number>();
  const welcomeArrived = new Map<string, number>();
  const listener = (m: ReceivedMessage): void => {
    if (m.account !== `corp-${name}`) return;
    const map = m.content === broadcastText ? broadcastArrived : m.content === welcomeText ? welcomeArrived : undefined;
    map?.set(m.recipient, (map.get(m.recipient) ?? 0) + 1);
  };
  env.onMessage.add(listener);

  const graph = {
    nodes: [
      { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
      {
        id: 'welcome',
        kind: 'send',
        position: { x: 0, y: 150 },
        data: {
          channelAccountId: wecom,
          channel: 'wecom',
          method: 'wecom_agent',
          type: 'contacts',
          messages: [{ type: 'text', text: welcomeText }],
        },
      },
    ],
    edges: [{ id: 'e1', source: 'follow', target: 'welcome' }],
    settings: { reentry: { mode: 'never' } },
  };
  const journeyId = (await call<{ id: string }>('POST', '/api/journeys', { name: `Welcome ${name}`, graph })).id;
  await call('POST', `/api/journeys/${journeyId}/publish`, {});
  const broadcastId = (
    await call<{ id: string }>('POST', '/api/broadcasts', {
      name: `Sale ${name}`,
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: broadcastText }],
      audience: { kind: 'tags', mode: 'all', tagIds: [tag], excludeTagIds: [] },
      sendType: 'immediate',
    })
  ).id;

  const poster = postFollows(env, name, wechat, fans, postsPerSecond);
  return {
    suppressedAtStart: env.sandbox.store.duplicatesSuppressed,
    name,
    contacts,
    fans,
    broadcastId,
    journeyId,
    wechat,
    broadcastText,
    welcomeText,
    broadcastArrived,
    welcomeArrived,
    poster,
    detach: () => env.onMessage.delete(listener),
  };
}

/**
 * Posts one subscribe event per fan to the WeChat callback, paced, each event more than once (the
 * first fan's ten times), duplicates a few positions apart. Like a provider, it retries a post
 * that got no answer or a 5xx (fresh signature each time) until accepted, for at most 3 minutes.
 */
function postFollows(
  env: FaultEnv,
  name: string,
  wechat: string,
  fans: number,
  perSecond: number,
): PosterTally & { done: Promise<void> } {
  const tally: PosterTally = {
    events: fans,
    posts: 0,
    accepted: 0,
    retriedConnection: 0,
    retried5xx: 0,
    refused4xx: 0,
    gaveUp: 0,
  };
  const created = Math.floor(Date.now() / 1000);
  const schedule: Array<{ fan: number; order: number }> = [];
  for (let g = 1; g <= fans; g++) {
    const copies = g === 1 ? 10 : 2 + (g % 2);
    for (let c = 0; c < copies; c++) schedule.push({ fan: g, order: g + c * 5 });
  }
  schedule.sort((a, b) => a.order - b.order || a.fan - b.fan);
  const postOne = async (fan: number): Promise<void> => {
    const xml = `<xml><ToUserName>gh_${name}</ToUserName><FromUserName>${name}-openid${fan}</FromUserName><CreateTime>${created + fan}</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`;
    const deadline = Date.now() + 180_000;
    for (let attempt = 1; Date.now() < deadline; attempt++) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = `${fan}-${attempt}`;
      tally.posts++;
      try {
        const res = await fetch(
          `${env.apiUrl}/webhooks/wechat/${wechat}?signature=${wechatSignature(`cb-${name}`, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`,
          {
            method: 'POST',
            headers: { 'content-type': 'text/xml' },
            body: xml,
            signal: AbortSignal.timeout(10_000),
          },
        );
        const text = await res.text();
        if (res.status === 200 && text === 'success') {
          tally.accepted++;
          return;
        }
        if (res.status < 500 && res.status !== 429) {
          tally.refused4xx++;
          return;
        }
        tally.retried5xx++;
      } catch {
        tally.retriedConnection++;
      }
      await sleep(Math.min(3000, 250 * attempt));
    }
    tally.gaveUp++;
  };
  const done = (async () => {
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < schedule.length) {
          const i = next++;
          const due = started + (i * 1000) / perSecond;
          if (due > Date.now()) await sleep(due - Date.now());
          await postOne(schedule[i]!.fan);
        }
      }),
    );
  })();
  return Object.assign(tally, { done });
}

/** Broadcast progress as the sandbox sees it (0..1). */
export const progress = (w: Workload): number => w.broadcastArrived.size / w.contacts;

export interface Outcome {
  ok: boolean;
  lines: string[];
  tallies: Record<string, number | string>;
}

/** Waits (bounded) until the broadcast completed and every fan got its welcome, then checks exactly-once. */
export async function settleAndCheck(env: FaultEnv, w: Workload, deadlineMs: number): Promise<Outcome> {
  const deadline = Date.now() + deadlineMs;
  const journeyRows = async () =>
    rows<{ total: number; open: number; contacts: number }>(
      await env.db.db.execute(sql`
    select count(*)::int as total, count(*) filter (where ${deliveryStatus} in ('pending', 'sending'))::int as open, count(distinct d.contact_id)::int as contacts
    from deliveries d ${deliveryBatchJoin} join runs r on r.id = d.run_id join journey_versions v on v.id = r.journey_version_id where v.journey_id = ${w.journeyId}::uuid`),
    )[0]!;
  type Detail = { status: string; runId: string | null; stats: Record<string, number> };
  const getDetail = () => env.call<Detail>('GET', `/api/broadcasts/${w.broadcastId}`);
  for (;;) {
    await w.poster.done;
    const detail = await getDetail();
    const j = await journeyRows();
    if (['completed', 'failed', 'canceled'].includes(detail.status) && j.total >= w.fans && j.open === 0) break;
    if (Date.now() > deadline) break;
    await sleep(1000);
  }
  await sleep(1500); // late duplicates, if any, would arrive now
  const detail = await getDetail();
  const stats = detail.stats as Record<'total' | 'sent' | 'failed' | 'skipped' | 'pending', number>;
  const runId = detail.runId!;
  const [ledger] = rows<{
    rows: number;
    contacts: number;
    open: number;
    sent: number;
    failed: number;
    skipped: number;
  }>(
    await env.db.db.execute(sql`
    select count(*)::int as rows, count(distinct d.contact_id)::int as contacts, count(*) filter (where ${deliveryStatus} in ('pending', 'sending'))::int as open,
      count(*) filter (where ${deliveryStatus} in ('sent', 'delivered', 'read', 'replied'))::int as sent, count(*) filter (where d.status = 'failed')::int as failed,
      count(*) filter (where d.status = 'skipped')::int as skipped from deliveries d ${deliveryBatchJoin} where d.run_id = ${runId}::uuid`),
  );
  const [missing] = rows<{ n: number }>(
    await env.db.db
      .execute(sql`select count(*)::int as n from contacts c where c.workspace_id = ${env.workspaceId}::uuid and c.external_id like ${`${w.name}-c%`}
    and not exists (select 1 from deliveries d where d.run_id = ${runId}::uuid and d.contact_id = c.id)`),
  );
  const sentRecipients = new Set(
    rows<{ recipient: string }>(
      await env.db.db.execute(
        sql`select d.recipient from deliveries d ${deliveryBatchJoin} where d.run_id = ${runId}::uuid and ${deliveryStatus} in ('sent', 'delivered', 'read', 'replied')`,
      ),
    ).map((r) => r.recipient),
  );
  const twice = [...w.broadcastArrived.values()].filter((n) => n > 1).length;
  const arrivedNotSent = [...w.broadcastArrived.keys()].filter((r) => !sentRecipients.has(r)).length;
  const sentNotArrived = [...sentRecipients].filter((r) => !w.broadcastArrived.has(r)).length;
  const j = await journeyRows();
  const [events] = rows<{ n: number; ten: number }>(
    await env.db.db
      .execute(sql`select count(*)::int as n, count(*) filter (where properties->>'channelAccountId' = ${w.wechat} and external_id like ${`${w.name}-openid1:%`})::int as ten
    from inbound_events where workspace_id = ${env.workspaceId}::uuid and source = ${`wechat:${w.wechat}`}`),
  );
  const [entries] = rows<{ n: number; contacts: number; first: number }>(
    await env.db.db
      .execute(sql`select count(*) filter (where status <> 'skipped')::int as n, count(distinct contact_id)::int as contacts,
    count(*) filter (where contact_id = (select contact_id from contact_identities where value = ${`${w.name}-openid1`} and channel_account_id = ${w.wechat}::uuid))::int as first
    from journey_entries where journey_id = ${w.journeyId}::uuid`),
  );
  const welcomeTwice = [...w.welcomeArrived.values()].filter((n) => n > 1).length;
  const broadcastArrived = [...w.broadcastArrived.values()].reduce((a, n) => a + n, 0);
  const welcomeArrived = [...w.welcomeArrived.values()].reduce((a, n) => a + n, 0);

  const checks: Array<[string, boolean]> = [
    [`broadcast completed (status ${detail.status})`, detail.status === 'completed'],
    [
      `one delivery row per audience contact: ${ledger!.rows} rows, ${ledger!.contacts} contacts, ${missing!.n} without a row, of ${w.contacts}`,
      ledger!.rows === w.contacts && ledger!.contacts === w.contacts && missing!.n === 0,
    ],
    [`every row final: ${ledger!.open} pending/sending`, ledger!.open === 0],
    [
      `sandbox got each broadcast message once: ${broadcastArrived} messages, ${w.broadcastArrived.size} recipients, ${twice} twice`,
      twice === 0 && broadcastArrived === w.broadcastArrived.size,
    ],
    [
      `ledger 'sent' = sandbox: ${ledger!.sent} vs ${w.broadcastArrived.size} (${arrivedNotSent} arrived but not sent, ${sentNotArrived} sent but not arrived)`,
      ledger!.sent === w.broadcastArrived.size && arrivedNotSent === 0 && sentNotArrived === 0,
    ],
    [
      `API detail matches the sandbox: total ${stats.total}, sent ${stats.sent}, failed ${stats.failed}, skipped ${stats.skipped}, pending ${stats.pending}`,
      stats.sent === w.broadcastArrived.size && stats.total === w.contacts && stats.pending === 0,
    ],
    [
      `every fan event stored once: ${events!.n} events for ${w.fans} fans (${w.poster.accepted} posts accepted)`,
      events!.n === w.fans,
    ],
    [
      `the event posted ten times stored once (${events!.ten}) and entered once (${entries!.first})`,
      events!.ten === 1 && entries!.first === 1,
    ],
    [
      `journey entered once per fan: ${entries!.n} entries, ${entries!.contacts} contacts`,
      entries!.n === w.fans && entries!.contacts === w.fans,
    ],
    [
      `journey ledger: ${j.total} rows, ${j.contacts} contacts, ${j.open} open`,
      j.total === w.fans && j.contacts === w.fans && j.open === 0,
    ],
    [
      `sandbox got each welcome once: ${welcomeArrived} messages, ${w.welcomeArrived.size} fans, ${welcomeTwice} twice`,
      welcomeArrived === w.fans && w.welcomeArrived.size === w.fans,
    ],
    [
      `webhook poster gave up on none, none refused: ${w.poster.gaveUp} gave up, ${w.poster.refused4xx} refused`,
      w.poster.gaveUp === 0 && w.poster.refused4xx === 0,
    ],
  ];
  return {
    ok: checks.every(([, ok]) => ok),
    lines: checks.map(([text, ok]) => `${ok ? 'ok  ' : 'FAIL'} ${text}`),
    tallies: {
      audience: w.contacts,
      ledgerRows: ledger!.rows,
      sent: ledger!.sent,
      failed: ledger!.failed,
      skipped: ledger!.skipped,
      open: ledger!.open,
      sandboxBroadcast: broadcastArrived,
      duplicates: twice,
      providerDeduped: env.sandbox.store.duplicatesSuppressed - w.suppressedAtStart,
      apiSent: stats.sent,
      fans: w.fans,
      webhookPosts: w.poster.posts,
      postRetries: w.poster.retriedConnection + w.poster.retried5xx,
      events: events!.n,
      entries: entries!.n,
      welcomes: welcomeArrived,
    },
  };
}
