import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateDb, rowsOf, sql, type DbHandle } from '@herald/db';
import { createActivities } from '@herald/activities';
import { ChannelClients } from '@herald/channels';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { agentSend, audienceTrigger, broadcastJourney, readOrRemindJourney } from '@herald/engine/testing';
import {
  agentText,
  deliveryTally,
  publish,
  runCounters,
  seedAccount,
  seedContacts,
  seedTag,
  seedWorkspace,
  sendBroadcastPages,
  shippedTemplate,
  testSecretKey,
  type SeedContacts,
} from '../fixtures/seed';

// `./herald start` runs on embedded PGlite: the send path's one-statement page (advisory locks,
// plan settings, the batch, time zones for quiet hours) must work there as on PostgreSQL.
let db: DbHandle;
let sandbox: Sandbox;
let channels: ChannelClients;
beforeAll(async () => {
  db = await createDb({ dataDir: 'memory://' });
  await migrateDb(db);
  sandbox = await startSandbox({ confirmDelayMs: 0, smtpPort: -1 });
  channels = new ChannelClients();
});
afterAll(async () => {
  channels?.close();
  await sandbox?.close();
  await db?.close();
});

/**
 * A workspace with an account of `kind` and contacts (`contacts` given the workspace's employee and the account)
 * tagged alike; `broadcast` publishes a broadcast of `send` to the tag and sends its pages at `now`.
 */
async function taggedContacts(
  kind: 'wecom' | 'wechat_service',
  contacts: (employeeId: string, accountId: string) => Omit<SeedContacts, 'workspaceId' | 'tags'>,
) {
  const acts = createActivities({ db: db.db, secretKey: testSecretKey, channels });
  const ws = await seedWorkspace(db.db);
  const account = await seedAccount(db.db, ws.workspaceId, kind, sandbox.url);
  const tag = await seedTag(db.db, ws.workspaceId, 'Audience');
  await seedContacts(db.db, {
    workspaceId: ws.workspaceId,
    ...contacts(ws.employeeId, account),
    tags: [{ tagId: tag, every: 1 }],
  });
  const broadcast = async (send: Parameters<typeof broadcastJourney>[0], now: number, pageSize: number) => {
    const run = await publish(
      db.db,
      ws.workspaceId,
      broadcastJourney(send, audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] })),
    );
    const sendPages = () => sendBroadcastPages(acts, { workspaceId: ws.workspaceId, ...run, now, pageSize });
    await sendPages();
    return { ...run, again: sendPages };
  };
  return { ws, account, broadcast, acts };
}

describe('sending on embedded PGlite', () => {
  it("sends a WeCom group message once a day per contact, and skips quiet hours in the contact's zone", async () => {
    const {
      ws,
      account: wecom,
      broadcast,
      acts,
    } = await taggedContacts('wecom', (employeeId) => ({
      n: 120,
      ownerEmployeeId: employeeId,
      identity: { kind: 'wecom_external_userid', valuePrefix: 'pg' },
    }));
    const send = async (now: number) => {
      const run = await broadcast({ channelAccountId: wecom }, now, 50);
      return deliveryTally(db.db, run.runId);
    };
    const day = Date.parse('2026-12-01T10:00:00Z');
    const first = await broadcast({ channelAccountId: wecom }, day, 50);
    expect(await deliveryTally(db.db, first.runId)).toEqual({ sent: 120 });
    // The employee's confirmations read back (the sandbox confirms at once): the reads meet in a scratch table of
    // one transaction, on PGlite's one connection as on PostgreSQL.
    const read = { workspaceId: ws.workspaceId, runId: first.runId, nodeId: first.nodeId, now: day + 60_000 };
    expect(await acts.collectGroupMessageResults(read)).toEqual({ pending: 0 });
    expect(await deliveryTally(db.db, first.runId)).toEqual({ delivered: 120 });
    expect(await send(day + 3600_000)).toEqual({ 'skipped:quota_day': 120 });
    // Quiet 09:00–12:00 in Shanghai (UTC+8); 20 contacts live in New York, where 10:00 UTC is 05:00.
    await db.db.execute(
      sql`update workspaces
        set settings = ${JSON.stringify({ quietHours: { start: '09:00', end: '12:00', timezone: 'Asia/Shanghai' } })}
          ::jsonb
        where id = ${ws.workspaceId}::uuid`,
    );
    await db.db.execute(
      sql`update contacts set timezone = 'America/New_York' where external_id in (select 'c' || g
        from generate_series(1, 20) g)`,
    );
    expect(await send(day + 86_400_000 - 8 * 3600_000)).toEqual({ sent: 20, 'skipped:quiet_hours': 100 });
  });

  it('sends template messages one by one and settles each slice once: every fan once, the counters exact', async () => {
    // One call per fan: each slice of calls is settled in one transaction written at once with its BEGIN and
    // COMMIT (nothing kept for its ids), on PGlite's one connection.
    const { account: wechat, broadcast } = await taggedContacts('wechat_service', (_, accountId) => ({
      n: 90,
      prefix: 'tp',
      identity: { kind: 'wechat_openid', valuePrefix: 'tpl', accountId },
    }));
    const templates = () => sandbox.store.query({ channel: 'wechat', method: 'template' });
    const before = templates().length;
    const now = Date.parse('2026-12-01T10:00:00Z');
    const run = await broadcast(shippedTemplate(wechat), now, 40);
    const received = templates().slice(before);
    expect(new Set(received.map((m) => m.recipient)).size).toBe(90);
    expect(received).toHaveLength(90);
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 90 });
    // The run's and the step's counters: a batch's open slices wait on its row and the closing one counts them.
    expect((await runCounters(db.db, run.runId)).sent).toBe(90);
    const [step] = (await db.db.execute(
      sql`select sum(s.sent)::int as sent from node_stats s join runs r on r.journey_version_id = s.journey_version_id
        where r.id = ${run.runId}::uuid`,
    )) as unknown as Array<{ sent: number }>;
    expect(step!.sent).toBe(90);
    // Each row carries its own message id, and no batch is left sending.
    const [left] = (await db.db.execute(
      sql`select count(*) filter (where d.provider_message_id is null)::int as "noId",
          (select count(*)::int from delivery_batches b where b.run_id = ${run.runId}::uuid
            and b.status <> 'sent') as open
        from deliveries d where d.run_id = ${run.runId}::uuid`,
    )) as unknown as Array<{ noId: number; open: number }>;
    expect(left).toEqual({ noId: 0, open: 0 });
    // Sent again (a retried activity), nothing goes out twice.
    await run.again();
    expect(templates().length - before).toBe(90);
    expect((await runCounters(db.db, run.runId)).sent).toBe(90);
  });

  it("counts a batch's earlier slices when a slice with a refused fan closes it", async () => {
    // Pages of 40 go in slices of 16, 16 and 8; the last fan of each full page has unfollowed, so the slice that
    // closes its batch is settled the general way (a failure), which must count the slices before it too.
    const {
      ws,
      account: wechat,
      broadcast,
    } = await taggedContacts('wechat_service', (_, accountId) => ({
      n: 90,
      prefix: 'uf',
      identity: { kind: 'wechat_openid', valuePrefix: 'unf', accountId },
    }));
    const openids = (await db.db.execute(
      sql`select i.value from contacts c join contact_identities i on i.contact_id = c.id
        where c.workspace_id = ${ws.workspaceId}::uuid order by c.id`,
    )) as unknown as Array<{ value: string }>;
    const refused = [openids[39]!.value, openids[79]!.value];
    for (const openid of refused) {
      const answer = await fetch(`${sandbox.url}/_sandbox/wechat/unfollow`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account: 'wx-acme', openid }),
      });
      expect(answer.ok).toBe(true);
    }
    const received = () => sandbox.store.query({ channel: 'wechat', method: 'template' });
    const before = received().length;
    const run = await broadcast(shippedTemplate(wechat), Date.parse('2026-12-01T10:00:00Z'), 40);
    const got = received().slice(before);
    expect(got).toHaveLength(88);
    expect(got.map((m) => m.recipient)).not.toContain(refused[0]);
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 88, failed: 2 });
    expect(await runCounters(db.db, run.runId)).toEqual({ sent: 88, failed: 2 });
    const [step] = (await db.db.execute(
      sql`select sum(s.sent)::int as sent, sum(s.failed)::int as failed from node_stats s
        join runs r on r.journey_version_id = s.journey_version_id where r.id = ${run.runId}::uuid`,
    )) as unknown as Array<{ sent: number; failed: number }>;
    expect(step).toEqual({ sent: 88, failed: 2 });
  });

  it('sends a mass message in full calls: 20 fans in pages of 10 take 2 calls, wherever their ids fall', async () => {
    // WeChat counts mass calls against the account's 100 a day: a page cut where a lock bucket ends would hold fewer
    // than a call carries (here 6, 7 and 7 fans: three calls). The fans' ids sit in three buckets (first three hex
    // digits a00, a01, a02) as a million fans' ids fill 4,096 of them.
    const acts = createActivities({ db: db.db, secretKey: testSecretKey, channels });
    const ws = await seedWorkspace(db.db);
    const wechat = await seedAccount(db.db, ws.workspaceId, 'wechat_service', sandbox.url, { appId: 'wx-full-calls' });
    const tag = await seedTag(db.db, ws.workspaceId, 'Fans');
    await db.db.execute(sql`with made as (
        insert into contacts (id, workspace_id, external_id, name)
        select ('a0' || (g % 3) || lpad(to_hex(g), 5, '0') || '-0000-4000-8000-000000000000')::uuid,
          ${ws.workspaceId}::uuid, 'full' || g, 'Fan ' || g
        from generate_series(1, 20) g returning id, external_id),
      identified as (
        insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
        select ${ws.workspaceId}::uuid, id, 'wechat_openid', ${wechat}::uuid, 'o-' || external_id from made)
      insert into contact_tags (workspace_id, contact_id, tag_id) select ${ws.workspaceId}::uuid, id, ${tag}::uuid
      from made`);
    const run = await publish(
      db.db,
      ws.workspaceId,
      broadcastJourney(
        { channelAccountId: wechat, channel: 'wechat_service', method: 'wechat_mass', groupName: undefined },
        audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] }),
      ),
    );
    const pageSize = 10;
    const { boundaries, done } = await acts.planEntryRanges({ runId: run.runId, after: null, pageSize, maxRanges: 64 });
    expect(done).toBe(true);
    const cuts: Array<string | null> = [null, ...boundaries, null];
    for (let i = 0; i + 1 < cuts.length; i++) {
      let cursor = cuts[i] ?? null;
      do {
        const page = await acts.enterRange({
          runId: run.runId,
          cursor,
          until: cuts[i + 1] ?? null,
          pageSize,
          now: Date.parse('2026-12-01T10:00:00Z'),
        });
        cursor = page.nextCursor;
      } while (cursor);
    }
    const received = sandbox.store.query({ channel: 'wechat', method: 'mass', account: 'wx-full-calls' });
    expect(new Set(received.map((m) => m.recipient)).size).toBe(20);
    expect(new Set(received.map((m) => m.providerMessageId)).size).toBe(2);
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 20 });
  });

  it('a read/remind journey: the wait keeps a ledger cohort, a day later only non-readers are reminded', async () => {
    // The cohort's statements on PGlite's one connection: an entry page opens a cohort (no state rows), the close
    // routes its members from their own ledger rows (row comparisons on the ledger's key, the split in SQL).
    const acts = createActivities({ db: db.db, secretKey: testSecretKey, channels });
    const ws = await seedWorkspace(db.db);
    const wecom = await seedAccount(db.db, ws.workspaceId, 'wecom', sandbox.url, { corpId: 'corp-cohort' });
    const tag = await seedTag(db.db, ws.workspaceId, 'Remind');
    await seedContacts(db.db, {
      workspaceId: ws.workspaceId,
      n: 25,
      prefix: 'rm',
      ownerEmployeeId: ws.employeeId,
      identity: { kind: 'wecom_external_userid', valuePrefix: 'wrm' },
      tags: [{ tagId: tag, every: 1 }],
    });
    const graph = readOrRemindJourney(
      audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] }),
      (id, text) => agentSend(id, agentText(wecom, text)),
    );
    const run = await publish(db.db, ws.workspaceId, graph, 'journey');
    const day = Date.parse('2026-12-01T10:00:00Z');
    const pageSize = 10;
    expect(await acts.openRun({ runId: run.runId, now: day })).toMatchObject({ total: 25, mode: 'batch' });
    for (let cursor: string | null = null; ;) {
      const page = await acts.enterRange({ runId: run.runId, cursor, until: null, pageSize, now: day });
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const state = async () =>
      rowsOf<{ cohorts: number; members: number; open: number; states: number }>(
        await db.db.execute(sql`select count(*)::int as cohorts, coalesce(sum(members), 0)::int as members,
            count(*) filter (where done_at is null)::int as open,
            (select count(*) from journey_states where run_id = ${run.runId}::uuid)::int as states
          from journey_cohorts where run_id = ${run.runId}::uuid`),
      )[0];
    // Three entry pages, three cohorts holding the 25 at the wait, and no state row.
    expect(await state()).toEqual({ cohorts: 3, members: 25, open: 3, states: 0 });
    const agent = (text: string) =>
      sandbox.store
        .query({ method: 'agent', account: 'corp-cohort' })
        .filter((m) => m.content === text)
        .map((m) => m.recipient);
    expect(agent('Our offer')).toHaveLength(25);
    // Read receipts for five of them during the day (as the receipts webhook records them).
    await db.db.execute(sql`update deliveries set status = 'read', read_at = now()
      where run_id = ${run.runId}::uuid and node_id = 'first'
        and contact_id in (select id from contacts where external_id in ('rm1', 'rm2', 'rm3', 'rm4', 'rm5'))`);
    // Before the day has passed nothing moves; after it, the run's one advance reminds the other twenty.
    /** What the run's workflow does at `now`: advance, run each large step's ranges page by page, until settled. */
    const advance = async (now: number, pageSize: number) => {
      let sent = 0;
      for (;;) {
        const r = await acts.advanceRun({ runId: run.runId, now, pageSize, maxRanges: 64, budgetMs: 20_000 });
        sent += r.sent;
        for (const { nodeId, ranges } of r.large)
          for (const range of ranges)
            for (let cursor = range.from; ;) {
              const page = await acts.runStepRange({
                runId: run.runId,
                nodeId,
                cursor,
                until: range.until,
                pageSize,
                now,
              });
              sent += page.sent;
              cursor = page.nextCursor;
              if (!cursor) break;
            }
        if (r.large.length === 0 && !r.more) return { ...r, sent };
      }
    };
    const early = await advance(day + 3600_000, pageSize);
    expect(early).toMatchObject({ sent: 0, active: true });
    expect(agent('Did you see our offer?')).toEqual([]);
    // The run's next wake-up is when the wait ends: a day on, a day's wait rounded up to its grid of 86.4 s.
    expect(early.nextDueAt! - day).toBeGreaterThanOrEqual(86_400_000);
    // Reminder pages of 4 in cohorts of 10: a cohort's range takes three pages, and its close counts the paths its
    // first page read over the whole range.
    const after = await advance(early.nextDueAt!, 4);
    expect(after).toMatchObject({ sent: 20, nextDueAt: null, active: false });
    const reminded = agent('Did you see our offer?');
    expect(reminded).toHaveLength(20);
    expect(reminded.filter((r) => ['wrm1', 'wrm2', 'wrm3', 'wrm4', 'wrm5'].includes(r))).toEqual([]);
    expect(await state()).toEqual({ cohorts: 3, members: 25, open: 0, states: 0 });
    const stats = rowsOf<{ node_id: string; entered: number; waiting: number }>(
      await db.db.execute(sql`select node_id, entered, waiting from node_stats
        where journey_version_id = ${run.versionId}::uuid order by node_id`),
    );
    expect(stats).toEqual([
      { node_id: 'done', entered: 5, waiting: 0 },
      { node_id: 'first', entered: 25, waiting: 0 },
      { node_id: 'reminder', entered: 20, waiting: 0 },
      { node_id: 'split', entered: 25, waiting: 0 },
      { node_id: 'wait', entered: 25, waiting: 0 },
    ]);
  });
});
