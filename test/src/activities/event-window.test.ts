// WeChat's customer-service messages after a follow, scan or menu click: at most 3 within the minute
// after it (DESIGN.md, "Channel rules"). A 4th in that minute is skipped with `event_window_exceeded`;
// a fan who also wrote within the 48-hour window, or whose minute is over, is bound by the window alone.
// The preview counts those fans as the send skips them. Real activities on PostgreSQL and the sandbox.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDatabase } from '@herald/db/testing';
import { contactInteractions, inboundEvents, sql } from '@herald/db';
import { previewSend } from '@herald/activities';
import type { Sandbox } from '@herald/sandbox';
import { audienceTrigger, broadcastJourney } from '@herald/engine/testing';
import type { HeraldActivities } from '@herald/engine/workflows';
import { deliveryTally, publish, seedAccount, seedContacts, sendBroadcastPages, testSecretKey } from '../fixtures/seed';
import { startActivitiesRig, type ActivitiesRig } from '../fixtures/activities-rig';

let rig: ActivitiesRig;
let db: TestDatabase;
let sandbox: Sandbox;
let acts: HeraldActivities;
let workspaceId: string;
let wechat: string;
const followedAt = Date.parse('2026-11-24T09:00:00Z');

beforeAll(async () => {
  rig = await startActivitiesRig();
  ({ db, sandbox, acts } = rig);
  ({ workspaceId } = rig.ws);
  wechat = await seedAccount(db.db, workspaceId, 'wechat_service', sandbox.url);
  await seedContacts(db.db, {
    workspaceId,
    n: 3,
    prefix: 'fan',
    identity: { kind: 'wechat_openid', accountId: wechat, valuePrefix: 'o-fan' },
  });
});
afterAll(async () => rig?.close());

/** The contact ids of fan1…fan3, in order. */
async function fans(): Promise<string[]> {
  const rows = (await db.db.execute(
    sql`select id from contacts where workspace_id = ${workspaceId}::uuid order by external_id`,
  )) as unknown as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

it('skips a 4th customer-service message within the minute after a follow, unless the fan also wrote', async () => {
  const [followed, wrote, earlier] = await fans();
  // fan1 and fan2 followed 10 s before the first send, fan3 2 minutes before; fan2 also wrote yesterday.
  const at = (contactId: string, t: number) => ({
    workspaceId,
    contactId,
    channelAccountId: wechat,
    lastInteractionAt: new Date(t),
    lastInteractionKind: 'follow',
  });
  await db.db
    .insert(contactInteractions)
    .values([at(followed!, followedAt), at(wrote!, followedAt), at(earlier!, followedAt - 120_000)]);
  await db.db.insert(inboundEvents).values({
    workspaceId,
    source: `wechat:${wechat}`,
    externalId: 'fan2-wrote',
    type: 'message',
    contactId: wrote!,
    occurredAt: new Date(followedAt - 86_400_000),
  });
  for (const openid of ['o-fan1', 'o-fan2', 'o-fan3']) sandbox.interacted('wx-acme', openid, Date.now());

  const results: Array<Record<string, number>> = [];
  const previews: Array<{ reachable: number; sendable: number }> = [];
  const sendAt = (i: number) => followedAt + 10_000 + i * 1000;
  for (let i = 1; i <= 4; i++) {
    // The editor's estimate just before each send, by the same rules at the same moment.
    const preview = await previewSend(
      { db: db.db, secretKey: testSecretKey },
      {
        workspaceId,
        channelAccountId: wechat,
        method: 'wechat_customer_service',
        audience: { kind: 'contacts', contactIds: [followed!, wrote!, earlier!] },
      },
      new Date(sendAt(i)),
    );
    previews.push({ reachable: preview.reachable, sendable: preview.sendable });
    const run = await publish(
      db.db,
      workspaceId,
      broadcastJourney(
        {
          channelAccountId: wechat,
          channel: 'wechat_service',
          method: 'wechat_customer_service',
          groupName: undefined,
        },
        audienceTrigger({ kind: 'contacts', contactIds: [followed!, wrote!, earlier!] }),
      ),
    );
    await sendBroadcastPages(acts, { workspaceId, ...run, pageSize: 100, now: sendAt(i) });
    results.push(await deliveryTally(db.db, run.runId));
  }
  // Three sends to all three fans, then the 4th: fan1 is skipped, fan2 (wrote) and fan3 (minute over) get it.
  expect(results).toEqual([{ sent: 3 }, { sent: 3 }, { sent: 3 }, { sent: 2, 'skipped:event_window_exceeded': 1 }]);
  // The preview left out the fan the 4th send skipped, and only that one.
  expect(previews).toEqual([
    { reachable: 3, sendable: 3 },
    { reachable: 3, sendable: 3 },
    { reachable: 3, sendable: 3 },
    { reachable: 3, sendable: 2 },
  ]);
  const received = (openid: string) => sandbox.store.query({ channel: 'wechat', recipient: openid }).length;
  expect([received('o-fan1'), received('o-fan2'), received('o-fan3')]).toEqual([3, 4, 4]);
});
