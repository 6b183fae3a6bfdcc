import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@herald/db/testing';
import { contactInteractions, createDb, sql } from '@herald/db';
import { countAudience, createActivities } from '@herald/activities';
import { loadAccount, openEgress, setEgressPolicy, type ChannelClients } from '@herald/channels';
import type { Sandbox } from '@herald/sandbox';
import { audienceTrigger, broadcastJourney } from '@herald/engine/testing';
import type { HeraldActivities } from '@herald/engine/workflows';
import {
  agentText,
  deliveryTally,
  shippedTemplate,
  publish,
  runCounters,
  seedAccount,
  seedContacts,
  seedTag,
  sendBroadcastPages,
  testSecretKey,
} from '../fixtures/seed';
import { startActivitiesRig, type ActivitiesRig } from '../fixtures/activities-rig';

let rig: ActivitiesRig;
let db: TestDatabase;
let sandbox: Sandbox;
let channels: ChannelClients;
let acts: HeraldActivities;
let ws: { workspaceId: string; employeeId: string };
let wecom: string;
let wechat: string;
let tagA: string;
let tagB: string;
const day1 = Date.parse('2026-11-24T09:00:00Z');

/** Runs every page of a broadcast through the real activities; returns the page results. */
const runBroadcast = (runId: string, versionId: string, nodeId: string, now = day1, pageSize = 300) =>
  sendBroadcastPages(acts, { workspaceId: ws.workspaceId, runId, versionId, nodeId, now, pageSize });

beforeAll(async () => {
  rig = await startActivitiesRig();
  ({ db, sandbox, channels, acts, ws } = rig);
  wecom = await seedAccount(db.db, ws.workspaceId, 'wecom', sandbox.url);
  wechat = await seedAccount(db.db, ws.workspaceId, 'wechat_service', sandbox.url);
  tagA = await seedTag(db.db, ws.workspaceId, 'A');
  tagB = await seedTag(db.db, ws.workspaceId, 'B');
  // 1,000 contacts: A on every 2nd, B on every 3rd; WeCom ids for all but every 10th; openids for all.
  await seedContacts(db.db, {
    workspaceId: ws.workspaceId,
    n: 1000,
    ownerEmployeeId: ws.employeeId,
    identity: { kind: 'wecom_external_userid', valuePrefix: 'wm', every: 1 },
    tags: [
      { tagId: tagA, every: 2 },
      { tagId: tagB, every: 3 },
    ],
  });
  await db.db.execute(
    sql`delete from contact_identities
      where kind = 'wecom_external_userid' and substring(value from 3::int)::int % 10 = 7`,
  );
  await db.db.execute(
    sql`insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
      select workspace_id, id, 'wechat_openid', ${wechat}::uuid, 'o' || external_id from contacts`,
  );
});
afterAll(async () => rig?.close());

describe('audience resolution (real PostgreSQL)', () => {
  const count = (audience: Parameters<typeof countAudience>[1]['audience']) =>
    countAudience(db.db, {
      workspaceId: ws.workspaceId,
      audience,
      identityKind: 'wecom_external_userid',
      channelAccountId: wecom,
    });
  it('gives exact counts for tags with any / all / exclusions', async () => {
    expect(await count({ kind: 'tags', mode: 'any', tagIds: [tagA, tagB], excludeTagIds: [] })).toBe(667);
    expect(await count({ kind: 'tags', mode: 'all', tagIds: [tagA, tagB], excludeTagIds: [] })).toBe(166);
    expect(await count({ kind: 'tags', mode: 'any', tagIds: [tagA], excludeTagIds: [tagB] })).toBe(334);
    expect(await count({ kind: 'all' })).toBe(900);
  });
});

describe('sending through the real activities and the sandbox', () => {
  it('records contacts without a WeCom id as skipped (no_identity) and sends the rest once', async () => {
    const graph = broadcastJourney(
      agentText(wecom, 'Hello'),
      audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tagA, tagB], excludeTagIds: [] }),
    );
    const { runId, versionId, nodeId } = await publish(db.db, ws.workspaceId, graph);
    const pages = await runBroadcast(runId, versionId, nodeId, day1, 50);
    expect(pages.reduce((a, p) => a + p.processed, 0)).toBe(667);
    const tally = await deliveryTally(db.db, runId);
    // Contacts whose number ends in 7 have no WeCom id: among multiples of 2 or 3, those are 27 mod 30.
    expect(tally).toEqual({ pending_employee: 634, 'skipped:no_identity': 33 });
    expect(sandbox.store.query({ method: 'app' })).toHaveLength(634);
  });

  it('plans disjoint page ranges that, sent in parallel and in any order, reach every contact once', async () => {
    const graph = broadcastJourney(
      agentText(wecom, 'Ranges'),
      audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tagA], excludeTagIds: [] }),
    );
    const { runId, versionId, nodeId } = await publish(db.db, ws.workspaceId, graph);
    const ref = { workspaceId: ws.workspaceId, runId, journeyVersionId: versionId, nodeId };
    // Plan in steps of 4 boundaries (like the workflow does), pages of at most 60 ending where a lock bucket ends:
    // 500 contacts → 9 ranges or a few more.
    const cuts: Array<string | null> = [null];
    for (let after: string | null = null, done = false; !done;) {
      const next = await acts.planBroadcastRanges({ ...ref, after, pageSize: 60, maxRanges: 4 });
      cuts.push(...next.boundaries);
      after = next.boundaries.at(-1) ?? after;
      done = next.done;
      expect(next.boundaries.length === 4 || done).toBe(true);
    }
    cuts.push(null);
    const ranges = cuts.slice(0, -1).map((from, i) => ({ from, until: cuts[i + 1]! }));
    expect(ranges.length).toBeGreaterThanOrEqual(9);
    // Sent all at once, last range first: each range is one page (a full one looks once more, past its last contact).
    const pages = await Promise.all(
      ranges
        .reverse()
        .map((r) => acts.sendBroadcastPage({ ...ref, cursor: r.from, until: r.until, pageSize: 60, now: day1 })),
    );
    expect(pages.reduce((sum, p) => sum + p.processed, 0)).toBe(500);
    expect(Math.max(...pages.map((p) => p.processed))).toBeLessThanOrEqual(60);
    expect(pages.every((p) => p.nextCursor === null || p.processed === 60)).toBe(true);
    // (Contacts without a WeCom id end in 7: odd, so none carries tag A.)
    expect(await deliveryTally(db.db, runId)).toEqual({ pending_employee: 500 });
    expect(sandbox.store.query({ method: 'app' }).filter((m) => m.content.endsWith('\nRanges'))).toHaveLength(500);
  });

  it('skips the second WeCom enterprise broadcast of the day with quota_day, sends again the next day', async () => {
    const graph = broadcastJourney(
      { channelAccountId: wecom },
      audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tagB], excludeTagIds: [tagA] }),
    );
    const first = await publish(db.db, ws.workspaceId, graph);
    const second = await publish(db.db, ws.workspaceId, graph);
    const third = await publish(db.db, ws.workspaceId, graph);
    await runBroadcast(first.runId, first.versionId, first.nodeId);
    await runBroadcast(second.runId, second.versionId, second.nodeId, day1 + 3600_000);
    await runBroadcast(third.runId, third.versionId, third.nodeId, day1 + 24 * 3600_000);
    const [a, b, c] = await Promise.all([first, second, third].map((r) => deliveryTally(db.db, r.runId)));
    expect(a).toEqual({ sent: 134, 'skipped:no_identity': 33 });
    expect(b).toEqual({ 'skipped:quota_day': 134, 'skipped:no_identity': 33 });
    expect(c).toEqual({ sent: 134, 'skipped:no_identity': 33 });
  });

  it('counts one-a-day in China Standard Time: 23:30 and 00:30 are two days there, 01:00 and 15:00 one', async () => {
    const ids = (
      (await db.db.execute(
        sql`select id from contacts where external_id in ('c881', 'c882') order by external_id`,
      )) as unknown as Array<{ id: string }>
    ).map((r) => r.id);
    const graph = broadcastJourney(
      { channelAccountId: wecom, messages: [{ type: 'text', text: 'platform day' }] },
      audienceTrigger({ kind: 'contacts', contactIds: ids }),
    );
    const at = async (iso: string) => {
      const run = await publish(db.db, ws.workspaceId, graph);
      await runBroadcast(run.runId, run.versionId, run.nodeId, Date.parse(iso));
      return deliveryTally(db.db, run.runId);
    };
    // 23:30 on 9 January in Shanghai is 15:30 UTC; 00:30 on 10 January there is 16:30 UTC, the same UTC day.
    expect(await at('2027-01-09T23:30:00+08:00')).toEqual({ sent: 2 });
    expect(await at('2027-01-10T00:30:00+08:00')).toEqual({ sent: 2 });
    // 01:00 and 15:00 on 20 January in Shanghai: 17:00 UTC on the 19th and 07:00 UTC on the 20th, one day there.
    expect(await at('2027-01-20T01:00:00+08:00')).toEqual({ sent: 2 });
    expect(await at('2027-01-20T15:00:00+08:00')).toEqual({ 'skipped:quota_day': 2 });
  });

  it('gives each contact one WeCom group message a day when 8 broadcasts race for the same contacts', async () => {
    // Eight broadcasts on one day to the same 333 contacts of tag B, every page sent at once over its own pool.
    const pools = await Promise.all(Array.from({ length: 8 }, () => createDb({ url: db.url, max: 2 })));
    const graph = broadcastJourney(
      { channelAccountId: wecom, messages: [{ type: 'text', text: 'race' }] },
      audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tagB], excludeTagIds: [] }),
    );
    const runs = await Promise.all(pools.map(() => publish(db.db, ws.workspaceId, graph)));
    const raceDay = day1 + 40 * 86_400_000;
    await Promise.all(
      runs.map(async (run, i) => {
        const racer = createActivities({ db: pools[i]!.db, secretKey: testSecretKey, channels });
        await sendBroadcastPages(racer, { workspaceId: ws.workspaceId, ...run, pageSize: 40, now: raceDay });
      }),
    );
    await Promise.all(pools.map((p) => p.close()));
    const perContact = (await db.db.execute(
      sql`select contact_id, count(*)::int as n from deliveries
        where run_id = any(${`{${runs.map((r) => r.runId).join(',')}}`}::uuid[]) and status = 'sent' group by 1`,
    )) as unknown as Array<{ n: number }>;
    expect(perContact).toHaveLength(300); // 333 contacts of B, 33 of them without a WeCom id
    expect(perContact.every((r) => r.n === 1)).toBe(true);
    const tallies = await Promise.all(runs.map((r) => deliveryTally(db.db, r.runId)));
    expect(tallies.reduce((a, t) => a + (t['skipped:quota_day'] ?? 0), 0)).toBe(7 * 300);
    // At the platform no contact got it twice (those who had a group message earlier today, in the
    // sandbox's wall-clock day, are refused by the platform's own rule).
    const got = sandbox.store.query({ method: 'group_msg' }).filter((m) => m.content === 'race');
    expect(got.length).toBeGreaterThan(0);
    expect(new Set(got.map((m) => m.recipient)).size).toBe(got.length);
  });

  it('honours an account override of the WeCom rule: 4 a month instead of 1 a day', async () => {
    const [c5] = (
      (await db.db.execute(sql`select id from contacts where external_id = 'c5'`)) as unknown as Array<{ id: string }>
    ).map((r) => r.id);
    const account = await seedAccount(
      db.db,
      ws.workspaceId,
      'wecom',
      sandbox.url,
      {},
      { wecom_group_per_contact: { limit: 4, window: 'month' } },
    );
    const results = [];
    for (const day of ['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29', '2027-04-01']) {
      const run = await publish(
        db.db,
        ws.workspaceId,
        broadcastJourney({ channelAccountId: account }, audienceTrigger({ kind: 'contacts', contactIds: [c5!] })),
      );
      await runBroadcast(run.runId, run.versionId, run.nodeId, Date.parse(`${day}T09:00:00Z`));
      results.push(Object.keys(await deliveryTally(db.db, run.runId))[0]);
    }
    expect(results).toEqual(['sent', 'sent', 'sent', 'sent', 'skipped:quota_month', 'sent']);
  });

  it('skips the fifth WeChat mass message in a month with quota_month', async () => {
    const audience = {
      kind: 'contacts' as const,
      contactIds: (
        (await db.db.execute(sql`select id from contacts where external_id in ('c1','c2','c3')`)) as unknown as Array<{
          id: string;
        }>
      ).map((r) => r.id),
    };
    const results = [];
    for (let i = 0; i < 5; i++) {
      const run = await publish(
        db.db,
        ws.workspaceId,
        broadcastJourney(
          { channelAccountId: wechat, channel: 'wechat_service', method: 'wechat_mass', groupName: undefined },
          audienceTrigger(audience),
        ),
      );
      await runBroadcast(run.runId, run.versionId, run.nodeId, day1 + i * 86_400_000);
      results.push(await deliveryTally(db.db, run.runId));
    }
    expect(results.slice(0, 4)).toEqual(Array(4).fill({ sent: 3 }));
    expect(results[4]).toEqual({ 'skipped:quota_month': 3 });
    expect(sandbox.store.query({ channel: 'wechat', recipient: 'oc1', method: 'mass' })).toHaveLength(4);
  });

  it('skips a customer-service message 49 h after the last interaction with window_closed', async () => {
    const [c10, c11] = (
      (await db.db.execute(
        sql`select id from contacts where external_id in ('c10','c11') order by external_id`,
      )) as unknown as Array<{ id: string }>
    ).map((r) => r.id);
    await db.db.insert(contactInteractions).values([
      {
        workspaceId: ws.workspaceId,
        contactId: c10!,
        channelAccountId: wechat,
        lastInteractionAt: new Date(day1 - 49 * 3600_000),
        lastInteractionKind: 'message',
      },
      {
        workspaceId: ws.workspaceId,
        contactId: c11!,
        channelAccountId: wechat,
        lastInteractionAt: new Date(day1 - 2 * 3600_000),
        lastInteractionKind: 'message',
      },
    ]);
    for (const [openid, at] of [
      ['oc10', day1 - 49 * 3600_000],
      ['oc11', Date.now()],
    ] as const) {
      await fetch(`${sandbox.url}/_sandbox/wechat/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account: 'wx-acme', openid, at }),
      });
    }
    const graph = broadcastJourney(
      { channelAccountId: wechat, channel: 'wechat_service', method: 'wechat_customer_service', groupName: undefined },
      audienceTrigger({ kind: 'contacts', contactIds: [c10!, c11!] }),
    );
    const run = await publish(db.db, ws.workspaceId, graph);
    await runBroadcast(run.runId, run.versionId, run.nodeId);
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 1, 'skipped:window_closed': 1 });
  });

  it("honours an account's shorter customer-service window at send time (24 h instead of 48 h)", async () => {
    const [c12] = (
      (await db.db.execute(sql`select id from contacts where external_id = 'c12'`)) as unknown as Array<{ id: string }>
    ).map((r) => r.id);
    const short = await seedAccount(
      db.db,
      ws.workspaceId,
      'wechat_service',
      sandbox.url,
      {},
      {
        wechat_cs_window: { limit: 24, window: 'hour' },
      },
    );
    const thirtyHoursAgo = new Date(day1 - 30 * 3600_000);
    for (const account of [wechat, short]) {
      await db.db.execute(sql`insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
        values (${ws.workspaceId}::uuid, ${c12!}::uuid, 'wechat_openid', ${account}::uuid, ${`o12-${account}`})
        on conflict do nothing`);
      await db.db.insert(contactInteractions).values({
        workspaceId: ws.workspaceId,
        contactId: c12!,
        channelAccountId: account,
        lastInteractionAt: thirtyHoursAgo,
        lastInteractionKind: 'message',
      });
      // The platform knows the fan wrote recently (the sandbox enforces WeChat's own 48 h window).
      await fetch(`${sandbox.url}/_sandbox/wechat/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account: 'wx-acme', openid: `o12-${account}`, at: Date.now() }),
      });
    }
    const tallies = [];
    for (const account of [wechat, short]) {
      const graph = broadcastJourney(
        {
          channelAccountId: account,
          channel: 'wechat_service',
          method: 'wechat_customer_service',
          groupName: undefined,
        },
        audienceTrigger({ kind: 'contacts', contactIds: [c12!] }),
      );
      const run = await publish(db.db, ws.workspaceId, graph);
      await runBroadcast(run.runId, run.versionId, run.nodeId);
      tallies.push(await deliveryTally(db.db, run.runId));
    }
    // The default 48 h window admits a fan 30 h after their last message; the account's 24 h does not.
    expect(tallies).toEqual([{ sent: 1 }, { 'skipped:window_closed': 1 }]);
  });

  it('a retried page sends nothing twice, also when the provider had accepted before the crash', async () => {
    const graph = broadcastJourney(
      { channelAccountId: wechat, channel: 'wechat_service', method: 'wechat_mass', groupName: undefined },
      audienceTrigger({ kind: 'tags', mode: 'all', tagIds: [tagA, tagB], excludeTagIds: [] }),
    );
    const run = await publish(db.db, ws.workspaceId, graph);
    const before = sandbox.store.query({ channel: 'wechat', method: 'mass' }).length;
    await runBroadcast(run.runId, run.versionId, run.nodeId, day1 + 20 * 86_400_000, 1000);
    // The account's mass calls (100 a day): re-running must not spend them again.
    const callsUsed = async () =>
      Number(
        (
          (await db.db.execute(
            sql`select coalesce(sum(count), 0)::int as n from quota_usage
              where workspace_id = ${ws.workspaceId}::uuid and policy = 'wechat_mass_calls'`,
          )) as unknown as Array<{ n: number }>
        )[0]!.n,
      );
    const usedAfterFirstRun = await callsUsed();
    // A crash after the provider accepted but before the outcome was recorded leaves the batches `sending`.
    await db.db.execute(
      sql`update delivery_batches set status = 'sending', provider_message_id = null, sent_at = null
        where run_id = ${run.runId}::uuid`,
    );
    await db.db.execute(sql`update runs set sent = 0 where id = ${run.runId}::uuid`);
    await runBroadcast(run.runId, run.versionId, run.nodeId, day1 + 20 * 86_400_000, 1000);
    await runBroadcast(run.runId, run.versionId, run.nodeId, day1 + 20 * 86_400_000, 1000);
    // Resent with the same clientmsgid, which WeChat drops as a repeat: each fan got it once.
    expect(sandbox.store.query({ channel: 'wechat', method: 'mass' }).length - before).toBe(166);
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 166 });
    expect((await runCounters(db.db, run.runId)).sent).toBe(166);
    // Re-running pages whose rows exist reserves nothing again (the first-attempt path rolls back).
    expect(await callsUsed()).toBe(usedAfterFirstRun);
    // Per-fan limits are read from the ledger: nothing is written per recipient.
    const [perFan] = (await db.db.execute(
      sql`select count(*)::int as n from quota_usage where workspace_id = ${ws.workspaceId}::uuid
        and policy = 'wechat_mass_per_fan'`,
    )) as unknown as Array<{ n: number }>;
    expect(perFan!.n).toBe(0);
  });

  it('a page retried after refused calls sends each template message once: answered calls are not resent', async () => {
    const graph = broadcastJourney(
      shippedTemplate(wechat),
      audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tagA], excludeTagIds: [] }),
    );
    const run = await publish(db.db, ws.workspaceId, graph);
    const templates = () => sandbox.store.query({ channel: 'wechat', method: 'template' });
    const before = templates().length;
    // One call in five is answered 503 (not processed): each failure ends the attempt, as in Temporal.
    sandbox.faults.set('wechat', { failShare: 0.2 });
    let attempts = 0;
    try {
      for (; attempts < 200; attempts++) {
        try {
          await runBroadcast(run.runId, run.versionId, run.nodeId, day1 + 40 * 86_400_000, 300);
          break;
        } catch (error) {
          if (!String(error).includes('HERALD_ERR_CHANNEL_UNAVAILABLE') && !String(error).includes('503')) throw error;
        }
      }
    } finally {
      sandbox.faults.clear();
    }
    expect(attempts).toBeGreaterThan(0);
    const received = templates().slice(before);
    const perFan = new Map<string, number>();
    for (const m of received) perFan.set(m.recipient, (perFan.get(m.recipient) ?? 0) + 1);
    // Every fan of tag A (500) got it, and nobody twice: the provider's raw count equals the ledger's.
    expect(perFan.size).toBe(500);
    expect([...perFan.values()].filter((n) => n > 1)).toEqual([]);
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 500 });
  });

  it('refreshes an expired token mid-run and goes on', async () => {
    const graph = broadcastJourney(
      agentText(wecom, 'token test'),
      audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tagA], excludeTagIds: [] }),
    );
    const run = await publish(db.db, ws.workspaceId, graph);
    const fetchesBefore = channels.tokens.fetches;
    // The provider's tokens expire once the first page has gone: the next page must fetch one.
    const expireAfterFirst = (sent: number) => {
      if (sent === 1) sandbox.tokens.expireAll();
    };
    const pages = (
      await sendBroadcastPages(
        acts,
        { workspaceId: ws.workspaceId, ...run, pageSize: 250, now: day1 },
        expireAfterFirst,
      )
    ).length;
    expect(pages).toBe(3); // two full pages, then an empty one that ends the scan
    expect(channels.tokens.fetches - fetchesBefore).toBe(1);
    expect(await deliveryTally(db.db, run.runId)).toEqual({ pending_employee: 500 });
  });
});

describe('frequency caps set by the marketer', () => {
  const setCap = (cap: { limit: number; window: 'day' | 'week' | 'month' } | null) =>
    db.db.execute(
      sql`update workspaces set settings = ${JSON.stringify({ frequencyCap: cap })}::jsonb
        where id = ${ws.workspaceId}::uuid`,
    );
  const contactIds = async (...externalIds: string[]) =>
    (
      (await db.db.execute(
        sql`select id from contacts where external_id = any(${`{${externalIds.join(',')}}`}::text[])
          order by external_id`,
      )) as unknown as Array<{ id: string }>
    ).map((r) => r.id);
  const onAudience = (ids: string[]) => audienceTrigger({ kind: 'contacts', contactIds: ids });
  const day = Date.parse('2027-01-05T09:00:00Z'); // a Tuesday: day + 1 h is the same day and week

  it("counts a contact's messages on every channel: over the cap a send is skipped, spending no quota", async () => {
    const ids = await contactIds('c20', 'c21', 'c22');
    await setCap({ limit: 1, window: 'day' });
    try {
      const agent = await publish(
        db.db,
        ws.workspaceId,
        broadcastJourney(agentText(wecom, 'cap: first of the day'), onAudience(ids)),
      );
      await runBroadcast(agent.runId, agent.versionId, agent.nodeId, day);
      expect(await deliveryTally(db.db, agent.runId)).toEqual({ pending_employee: 3 });

      const massGraph = broadcastJourney(
        {
          channelAccountId: wechat,
          channel: 'wechat_service',
          method: 'wechat_mass',
          groupName: undefined,
          messages: [{ type: 'text', text: 'cap: second' }],
        },
        onAudience(ids),
      );
      const mass = await publish(db.db, ws.workspaceId, massGraph);
      await runBroadcast(mass.runId, mass.versionId, mass.nodeId, day + 3_600_000);
      expect(await deliveryTally(db.db, mass.runId)).toEqual({ 'skipped:frequency_cap': 3 });
      expect(
        sandbox.store.query({ channel: 'wechat', method: 'mass' }).filter((m) => m.content === 'cap: second'),
      ).toHaveLength(0);
      // The fans' mass-message units (4 a month) were reserved and given back: the cap stopped the send.
      const [fanUnits] = (await db.db.execute(
        sql`select coalesce(sum(count), 0)::int as n from quota_usage where policy = 'wechat_mass_per_fan'
          and subject = any('{oc20,oc21,oc22}'::text[])`,
      )) as unknown as Array<{ n: number }>;
      expect(fanUnits!.n).toBe(0);

      const nextDay = await publish(db.db, ws.workspaceId, massGraph);
      await runBroadcast(nextDay.runId, nextDay.versionId, nextDay.nodeId, day + 86_400_000);
      expect(await deliveryTally(db.db, nextDay.runId)).toEqual({ sent: 3 });
    } finally {
      await setCap(null);
    }
  });

  it("skips sends inside the marketer's quiet hours with quiet_hours, in each contact's own time zone", async () => {
    const [paris, shanghai] = await contactIds('c40', 'c41');
    await db.db.execute(sql`update contacts set timezone = 'Europe/Paris' where id = ${paris!}::uuid`);
    await db.db.execute(
      sql`update workspaces
        set settings = ${JSON.stringify({ quietHours: { start: '21:00', end: '08:00', timezone: 'Asia/Shanghai' } })}
          ::jsonb
        where id = ${ws.workspaceId}::uuid`,
    );
    try {
      const graph = broadcastJourney(agentText(wecom, 'quiet test'), onAudience([paris!, shanghai!]));
      // 14:00 UTC: 15:00 in Paris, 22:00 in Shanghai (the workspace's zone, for the contact without one).
      const evening = await publish(db.db, ws.workspaceId, graph);
      await runBroadcast(evening.runId, evening.versionId, evening.nodeId, Date.parse('2027-01-05T14:00:00Z'));
      expect(await deliveryTally(db.db, evening.runId)).toEqual({ pending_employee: 1, 'skipped:quiet_hours': 1 });
      const [skipped] = (await db.db.execute(
        sql`select contact_id from deliveries where run_id = ${evening.runId}::uuid and status = 'skipped'`,
      )) as unknown as Array<{ contact_id: string }>;
      expect(skipped!.contact_id).toBe(shanghai);
      // 02:00 UTC: 10:00 in Shanghai, 03:00 in Paris.
      const morning = await publish(db.db, ws.workspaceId, graph);
      await runBroadcast(morning.runId, morning.versionId, morning.nodeId, Date.parse('2027-01-06T02:00:00Z'));
      const [sentTo] = (await db.db.execute(
        sql`select contact_id from deliveries where run_id = ${morning.runId}::uuid and status = 'pending_employee'`,
      )) as unknown as Array<{ contact_id: string }>;
      expect(sentTo!.contact_id).toBe(shanghai);
      expect(await deliveryTally(db.db, morning.runId)).toEqual({ pending_employee: 1, 'skipped:quiet_hours': 1 });
    } finally {
      await setCap(null);
    }
  });

  it("applies a journey's own cap to that journey's sends only", async () => {
    const [contactId] = await contactIds('c30');
    const capped = broadcastJourney(agentText(wecom, 'journey cap'), onAudience([contactId!]));
    const journey = await publish(
      db.db,
      ws.workspaceId,
      { ...capped, settings: { reentry: { mode: 'always' }, frequencyCap: { limit: 1, period: 'week' } } },
      'journey',
    );
    const step = {
      workspaceId: ws.workspaceId,
      runId: journey.runId,
      journeyVersionId: journey.versionId,
      nodeId: journey.nodeId,
      contactId: contactId!,
      now: day,
    };
    expect(await acts.sendToContact({ ...step, entrySeq: 0 })).toEqual({ status: 'sent' });
    expect(await acts.sendToContact({ ...step, entrySeq: 1, now: day + 3_600_000 })).toEqual({
      status: 'skipped',
      reason: 'frequency_cap',
    });
    const other = await publish(db.db, ws.workspaceId, capped, 'journey');
    expect(
      await acts.sendToContact({
        ...step,
        runId: other.runId,
        journeyVersionId: other.versionId,
        nodeId: other.nodeId,
        entrySeq: 0,
        now: day + 3_600_000,
      }),
    ).toEqual({ status: 'sent' });
    expect(await acts.sendToContact({ ...step, entrySeq: 2, now: day + 8 * 86_400_000 })).toEqual({ status: 'sent' });
  });
});

describe('egress policy in the worker', () => {
  it('records the sends to a refused address as failed with the code, and nothing reaches it', async () => {
    const [c60] = (await db.db.execute(sql`select id from contacts where external_id = 'c60'`)) as unknown as Array<{
      id: string;
    }>;
    const run = await publish(
      db.db,
      ws.workspaceId,
      broadcastJourney(
        agentText(wecom, 'egress refused'),
        audienceTrigger({ kind: 'contacts', contactIds: [c60!.id] }),
      ),
    );
    setEgressPolicy({ hosts: null, allowPrivate: false });
    try {
      await runBroadcast(run.runId, run.versionId, run.nodeId, day1 + 300_000);
    } finally {
      setEgressPolicy(openEgress);
    }
    const [row] = (await db.db.execute(
      sql`select status, error_code from deliveries where run_id = ${run.runId}::uuid`,
    )) as unknown as Array<{ status: string; error_code: string }>;
    expect(row).toEqual({ status: 'failed', error_code: 'HERALD_ERR_CHANNEL_TARGET_REFUSED' });
    expect(sandbox.store.query({ channel: 'wecom' }).filter((m) => m.content === 'egress refused')).toHaveLength(0);
  });
});

describe('WeCom attachments go as temporary media', () => {
  it('uploads a material once per account, reuses its media id, again near expiry; unknown ids refused', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 7)]);
    const [material] = (await db.db.execute(
      sql`insert into materials (workspace_id, kind, filename, mime, size, storage_path)
        values (${ws.workspaceId}::uuid, 'image', 'menu.png', 'image/png', ${png.length}, 'db:material_contents')
          returning id`,
    )) as unknown as Array<{ id: string }>;
    await db.db.execute(
      sql`insert into material_contents (material_id, workspace_id, bytes)
        values (${material!.id}::uuid, ${ws.workspaceId}::uuid, ${png})`,
    );
    const [c50] = (await db.db.execute(sql`select id from contacts where external_id = 'c50'`)) as unknown as Array<{
      id: string;
    }>;
    const send = async (method: 'wecom_agent' | 'wecom_group_msg', text: string, now: number) => {
      const run = await publish(
        db.db,
        ws.workspaceId,
        broadcastJourney(
          {
            channelAccountId: wecom,
            method,
            groupName: method === 'wecom_group_msg' ? 'Menu' : undefined,
            messages: [
              { type: 'text', text },
              { type: 'image', attachment: { materialId: material!.id, filename: 'menu.png' } },
            ],
          },
          audienceTrigger({ kind: 'contacts', contactIds: [c50!.id] }),
        ),
      );
      await runBroadcast(run.runId, run.versionId, run.nodeId, now);
      return run;
    };
    const held = async () =>
      (
        (await db.db.execute(
          sql`select temporary_media -> ${wecom} as media from materials where id = ${material!.id}::uuid`,
        )) as unknown as Array<{ media: { mediaId: string; expiresAt: string } | null }>
      )[0]!.media;
    // An agent message's image goes to the owning employee (an app message); a group message's to wm50.
    const images = () =>
      sandbox.store
        .query({ channel: 'wecom' })
        .filter((m) => m.method === 'app' || (m.method === 'group_msg' && m.recipient === 'wm50'))
        .map((m) => m.content)
        .filter((c) => c.startsWith('[image'));

    const first = await send('wecom_agent', 'menu one', day1);
    expect(await deliveryTally(db.db, first.runId)).toEqual({ pending_employee: 1 });
    const media = await held();
    expect(media?.mediaId).toMatch(/^wcmedia/);
    expect(Date.parse(media!.expiresAt) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    expect(images()).toEqual([`[image] ${media!.mediaId}`]);

    await send('wecom_agent', 'menu two', day1 + 60_000);
    expect((await held())?.mediaId).toBe(media!.mediaId);
    // A group message carries it as an attachment, after the text.
    const group = await send('wecom_group_msg', 'menu group', day1 + 120_000);
    expect(await deliveryTally(db.db, group.runId)).toEqual({ sent: 1 });
    expect(
      sandbox.store.query({ channel: 'wecom', method: 'group_msg', recipient: 'wm50' }).map((m) => m.content),
    ).toContain(`menu group [image] ${media!.mediaId}`);

    // Near expiry the next send uploads again; a media id the platform never issued is refused.
    await db.db.execute(
      sql`update materials
        set temporary_media = jsonb_set(temporary_media, ${`{${wecom},expiresAt}`}::text[],
          to_jsonb(${new Date(Date.now() + 3_600_000).toISOString()}::text))
        where id = ${material!.id}::uuid`,
    );
    await send('wecom_agent', 'menu three', day1 + 180_000);
    expect((await held())?.mediaId).not.toBe(media!.mediaId);
    const forged = await publish(
      db.db,
      ws.workspaceId,
      broadcastJourney(
        {
          channelAccountId: wecom,
          method: 'wecom_agent',
          groupName: undefined,
          messages: [{ type: 'image', attachment: { materialId: 'not-a-media-id', filename: 'x.png' } }],
        },
        audienceTrigger({ kind: 'contacts', contactIds: [c50!.id] }),
      ),
    );
    await runBroadcast(forged.runId, forged.versionId, forged.nodeId, day1 + 240_000);
    const [row] = (await db.db.execute(
      sql`select status, error_code from deliveries where run_id = ${forged.runId}::uuid`,
    )) as unknown as Array<{ status: string; error_code: string }>;
    expect(row).toEqual({ status: 'failed', error_code: 'HERALD_ERR_CHANNEL_CONTENT_REJECTED' });
  });
});

describe('split conditions read the contact at the workflow clock', () => {
  it('evaluates tags, attributes, past events and channel interaction', async () => {
    const [c20] = (await db.db.execute(sql`select id from contacts where external_id = 'c20'`)) as unknown as Array<{
      id: string;
    }>;
    const id = c20!.id;
    await db.db.execute(
      sql`update contacts set attributes = '{"plan": "pro", "orders": 3}'::jsonb where id = ${id}::uuid`,
    );
    await db.db.execute(
      sql`insert into inbound_events (workspace_id, source, external_id, type, contact_id, occurred_at)
        values (${ws.workspaceId}::uuid, 'api', 'cond-1', 'purchase', ${id}::uuid,
          ${new Date(day1 - 5 * 3600_000).toISOString()}::timestamptz)`,
    );
    await db.db.insert(contactInteractions).values({
      workspaceId: ws.workspaceId,
      contactId: id,
      channelAccountId: wechat,
      lastInteractionAt: new Date(day1 - 3600_000),
      lastInteractionKind: 'message',
    });
    const check = (condition: Parameters<HeraldActivities['evaluateCondition']>[0]['condition']) =>
      acts.evaluateCondition({ workspaceId: ws.workspaceId, contactId: id, condition, now: day1 });
    expect(await check({ kind: 'has_tag', tagId: tagA })).toBe(true);
    expect(await check({ kind: 'has_tag', tagId: tagB })).toBe(false);
    expect(await check({ kind: 'attribute', key: 'plan', op: 'eq', value: 'pro' })).toBe(true);
    expect(await check({ kind: 'attribute', key: 'orders', op: 'gt', value: 2 })).toBe(true);
    expect(await check({ kind: 'attribute', key: 'orders', op: 'lt', value: 2 })).toBe(false);
    expect(await check({ kind: 'attribute', key: 'missing', op: 'exists' })).toBe(false);
    expect(await check({ kind: 'event_happened', eventName: 'purchase', withinHours: 6 })).toBe(true);
    expect(await check({ kind: 'event_happened', eventName: 'purchase', withinHours: 4 })).toBe(false);
    expect(await check({ kind: 'interacted', channelAccountId: wechat, withinHours: 2 })).toBe(true);
    expect(await check({ kind: 'interacted', channelAccountId: wechat, withinHours: 0.5 })).toBe(false);
  });
});

describe('WeCom group-message results', () => {
  it('reads confirmations: delivered, or skipped when the contact had a group message that day', async () => {
    const ids = (await db.db.execute(
      sql`select id, external_id from contacts where external_id in ('c304','c308','c310','c314') order by external_id`,
    )) as unknown as Array<{ id: string; external_id: string }>;
    // Another system (or an employee by hand) sent c304 and c308 a group message today, outside Herald
    // (none of these had one from Herald today).
    const { config } = await loadAccount({ db: db.db, secretKey: testSecretKey }, ws.workspaceId, wecom);
    await channels.send({
      method: 'wecom_group_msg',
      account: config,
      recipients: [
        { key: 'x1', address: 'wm304', owners: ['emp-zhang'] },
        { key: 'x2', address: 'wm308', owners: ['emp-zhang'] },
      ],
      messages: [{ type: 'text', text: 'outside' }],
      groupName: 'outside',
      dedupKey: 'outside',
    });
    await new Promise((r) => setTimeout(r, 50));
    const run = await publish(
      db.db,
      ws.workspaceId,
      broadcastJourney(
        { channelAccountId: wecom },
        audienceTrigger({ kind: 'contacts', contactIds: ids.map((r) => r.id) }),
      ),
    );
    await runBroadcast(run.runId, run.versionId, run.nodeId, Date.now());
    await new Promise((r) => setTimeout(r, 50));
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 4 });
    const result = await acts.collectGroupMessageResults({
      workspaceId: ws.workspaceId,
      runId: run.runId,
      nodeId: run.nodeId,
      now: Date.now(),
    });
    expect(result).toEqual({ pending: 0 });
    expect(await deliveryTally(db.db, run.runId)).toEqual({ delivered: 2, 'skipped:quota_day': 2 });
  });
});
