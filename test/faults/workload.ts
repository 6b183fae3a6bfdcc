// One fault scenario's workload, set up through the API as a user would: three immediate broadcasts —
// a WeCom agent message (the provider drops a repeat within its duplicate check), a WeChat template
// message and an email (no provider dedup) — and a real-time follow journey fed by follow webhooks
// that keep arriving (each event posted more than once, one ten times).
import { capabilityOf, type MethodId } from '@herald/engine';
import { liftedMemberRates } from '@herald/engine/testing';
import type { DroppedCall, ReceivedMessage } from '@herald/sandbox';
import { employeesOwning, type FaultEnv } from './env';
import { postFollows, type PosterTally } from './poster';

/** Which messages the sandbox holds for one send, and who got them so far (live). */
export interface Tracked {
  label: string;
  filter: { channel: ReceivedMessage['channel']; method: string; account: string; content?: string };
  /** People who received it so far, with how many times (after the provider's dedup). */
  received: Map<string, number>;
  /** Calls the provider dropped as repeats (dedup or its one-a-day rule), so far. */
  dropped: number;
}

export interface TrackedBroadcast extends Tracked {
  method: MethodId;
  /** From the channel registry: whether the provider drops a repeat of this call by itself. */
  providerDedup: boolean;
  id: string;
  audience: number;
}

export interface Workload {
  name: string;
  fans: number;
  journeyId: string;
  wechat: string;
  broadcasts: TrackedBroadcast[];
  welcome: Tracked;
  poster: PosterTally & { done: Promise<void> };
  detach(): void;
}

export interface WorkloadSizes {
  /** Contacts of the WeCom agent broadcast. */
  agent: number;
  /** Fans of the WeChat template broadcast. */
  template: number;
  /** Contacts of the email broadcast. */
  email: number;
  /** Fans following during the scenario (the journey). */
  fans: number;
}

/** Progress of one broadcast as the sandbox sees it (people reached / audience, 0..1). */
export const progress = (b: TrackedBroadcast): number => b.received.size / b.audience;
/** The least advanced broadcast's progress: a fault is mid-send only if it is mid-send for every one. */
export const minProgress = (w: Workload): number => Math.min(...w.broadcasts.map(progress));
/** Every broadcast fully arrived and every fan welcomed. */
export const allArrived = (w: Workload): boolean =>
  w.broadcasts.every((b) => progress(b) >= 1) && w.welcome.received.size >= w.fans;
/** Where the sends stand, for log lines. */
export const where = (w: Workload): string =>
  [
    ...w.broadcasts.map((b) => `${b.method} ${b.received.size}/${b.audience}`),
    `welcomes ${w.welcome.received.size}/${w.fans}`,
  ].join(', ');

/** Waits until `ready()` or `ms` passed (the scenario's own checks say whether it did). */
async function until(ready: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

const matches = (t: Tracked, m: ReceivedMessage | DroppedCall): boolean =>
  m.channel === t.filter.channel &&
  m.method === t.filter.method &&
  m.account === t.filter.account &&
  (t.filter.content === undefined || m.content === t.filter.content);

/** Imports contacts through the API, 10,000 a request. */
async function importContacts(env: FaultEnv, contacts: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < contacts.length; i += 10_000)
    await env.call('POST', '/api/contacts/import', { contacts: contacts.slice(i, i + 10_000) });
}

/**
 * Accounts, contacts, a published follow journey, the webhook poster, and three immediate broadcasts,
 * each started once the one before is under way.
 */
export async function startWorkload(
  env: FaultEnv,
  name: string,
  sizes: WorkloadSizes,
  postsPerSecond: number,
): Promise<Workload> {
  const { call, sandbox } = env;
  const account = async (body: Record<string, unknown>) =>
    (await call<{ id: string }>('POST', '/api/channel-accounts', body)).id;
  const wechat = await account({
    kind: 'wechat_service',
    name: `OA ${name}`,
    baseUrl: sandbox.url,
    settings: { appId: `wx-${name}` },
    credentials: { secret: 's', callbackToken: `cb-${name}` },
  });
  const wecom = await account({
    kind: 'wecom',
    name: `WeCom ${name}`,
    baseUrl: sandbox.url,
    settings: { corpId: `corp-${name}`, agentId: 1000002 },
    credentials: { secret: 's' },
    // Thousands of contacts per employee: the faults are about kills and restarts, not WeCom's per-member
    // pacing (30 app messages a minute per employee would stretch a run to hours), which the account lifts.
    quotaOverrides: liftedMemberRates(),
  });
  const from = `shop-${name}@example.com`;
  const mail = await account({
    kind: 'email',
    name: `Mail ${name}`,
    baseUrl: `smtp://127.0.0.1:${sandbox.smtpPort}`,
    settings: { from },
    credentials: {},
  });

  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const owner = await employeesOwning(env, name);
  await importContacts(env, [
    ...range(sizes.agent).map((i) => ({
      externalId: `${name}-c${i}`,
      name: `Customer ${i}`,
      identities: [{ kind: 'wecom_external_userid', value: `${name}-wm${i}` }],
      owners: owner(i),
      tags: [`agent ${name}`],
    })),
    ...range(sizes.template).map((i) => ({
      externalId: `${name}-t${i}`,
      name: `Buyer ${i}`,
      identities: [{ kind: 'wechat_openid', value: `${name}-to${i}`, channelAccountId: wechat }],
      tags: [`template ${name}`],
    })),
    ...range(sizes.email).map((i) => ({
      externalId: `${name}-e${i}`,
      name: `Reader ${i}`,
      identities: [{ kind: 'email', value: `${name}-r${i}@example.com` }],
      tags: [`email ${name}`],
    })),
    ...range(sizes.fans).map((i) => ({
      externalId: `${name}-f${i}`,
      name: `Fan ${i}`,
      identities: [
        { kind: 'wechat_openid', value: `${name}-openid${i}`, channelAccountId: wechat },
        { kind: 'wecom_external_userid', value: `${name}-fwm${i}` },
      ],
      owners: owner(i),
    })),
  ]);
  const tags = (await call<{ items: Array<{ id: string; name: string }> }>('GET', '/api/tags')).items;
  const tagId = (tag: string) => tags.find((t) => t.name === tag)!.id;

  const welcomeText = `Welcome (${name})`;
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

  const agentText = `Autumn sale (${name})`;
  const specs = [
    {
      label: 'WeCom agent message',
      method: 'wecom_agent' as const,
      channelAccountId: wecom,
      messages: [{ type: 'text', text: agentText }],
      tag: `agent ${name}`,
      audience: sizes.agent,
      filter: { channel: 'wecom' as const, method: 'agent', account: `corp-${name}`, content: agentText },
    },
    {
      label: 'WeChat template message',
      method: 'wechat_template' as const,
      channelAccountId: wechat,
      messages: [
        {
          type: 'template',
          templateId: 'tpl-order-shipped',
          fields: ['first', 'keyword1', 'keyword2', 'remark'],
          data: { first: 'Your order is on its way', keyword1: name, keyword2: 'SF Express', remark: 'Thank you' },
        },
      ],
      tag: `template ${name}`,
      audience: sizes.template,
      filter: { channel: 'wechat' as const, method: 'template', account: `wx-${name}` },
    },
    {
      label: 'email',
      method: 'email' as const,
      channelAccountId: mail,
      messages: [{ type: 'text', text: `New arrivals (${name})` }],
      tag: `email ${name}`,
      audience: sizes.email,
      filter: { channel: 'email' as const, method: 'smtp', account: from },
    },
  ]
    // The slowest first (one SMTP or HTTP call per person), so all three are in flight together.
    .reverse()
    .filter((b) => b.audience > 0);
  const welcome: Tracked = {
    label: 'welcome (journey, WeCom agent message)',
    filter: { channel: 'wecom', method: 'agent', account: `corp-${name}`, content: welcomeText },
    received: new Map(),
    dropped: 0,
  };
  // Count as the sandbox accepts: each message and each dropped repeat goes to the send it belongs to.
  const broadcasts: TrackedBroadcast[] = [];
  const tracked: Tracked[] = [welcome];
  const previousAdd = sandbox.store.onAdd;
  const previousDrop = sandbox.store.onDrop;
  sandbox.store.onAdd = (m) => {
    previousAdd?.(m);
    const t = tracked.find((x) => matches(x, m));
    t?.received.set(m.recipient, (t.received.get(m.recipient) ?? 0) + 1);
  };
  sandbox.store.onDrop = (d) => {
    previousDrop?.(d);
    const t = tracked.find((x) => matches(x, d));
    if (t) t.dropped++;
  };

  const poster = postFollows(env, name, wechat, sizes.fans, postsPerSecond);
  for (const [i, b] of specs.entries()) {
    const created = await call<{ id: string }>('POST', '/api/broadcasts', {
      name: `${b.label} ${name}`,
      channelAccountId: b.channelAccountId,
      method: b.method,
      messages: b.messages,
      audience: { kind: 'tags', mode: 'all', tagIds: [tagId(b.tag)], excludeTagIds: [] },
      sendType: 'immediate',
    });
    const broadcast: TrackedBroadcast = {
      label: b.label,
      method: b.method,
      providerDedup: capabilityOf(b.method).providerDedup,
      id: created.id,
      audience: b.audience,
      filter: b.filter,
      received: new Map(),
      dropped: 0,
    };
    broadcasts.push(broadcast);
    tracked.push(broadcast);
    // Staggered, slowest first: the next starts once this one is under way, so a fault can find all mid-send.
    if (i < specs.length - 1) await until(() => progress(broadcast) >= 0.03, 120_000);
  }

  return {
    name,
    fans: sizes.fans,
    journeyId,
    wechat,
    broadcasts,
    welcome,
    poster,
    detach: () => {
      sandbox.store.onAdd = previousAdd;
      sandbox.store.onDrop = previousDrop;
    },
  };
}
