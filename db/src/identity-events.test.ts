import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestWorkspace, insertTestAccount, type TestDatabase } from './testing';
import { storeEventsByIdentity, type IdentityEvent } from './queries/identity-events';
import { identityProbe } from './queries/contact-identities';
import { contactIdentities, contacts } from './schema/index';

// Batches of callbacks from several group-commit lanes run side by side: whatever the interleaving,
// one person is one contact (an imported identity is bound once, a new fan is created once).

let h: TestDatabase;
let workspaceId: string;
let accountId: string;

beforeAll(async () => {
  ({ db: h, workspaceId } = await createTestWorkspace('Locks'));
  accountId = await insertTestAccount(h.db, workspaceId, 'wechat_service');
});
afterAll(async () => h?.close());

const follow = (id: string, openid: string): IdentityEvent => ({
  id,
  type: 'follow',
  kind: 'wechat_openid',
  value: openid,
  channelAccountId: accountId,
  name: openid,
  properties: {},
  occurredAt: new Date().toISOString(),
  opensWindowOn: accountId,
});

/** Each fan's contacts: the contacts of the events that name it (one per person, or a duplicate). */
const contactsOfEvents = async () =>
  (await h.db.execute(sql`
    select substring(external_id from '^[a-z]+-(\\d+)-') as round, split_part(external_id, '-', 1) as who,
      count(distinct contact_id)::int as contacts
    from inbound_events where workspace_id = ${workspaceId}::uuid and external_id ~ '^(imp|new)-'
    group by 1, 2 order by 1, 2`)) as unknown as Array<{ round: string; who: string; contacts: number }>;

describe('storeEventsByIdentity under concurrent batches', () => {
  it('binds an imported fan once and makes a new fan once, while batches of other fans go side by side', async () => {
    const lanes = 8;
    const rounds = 10;
    // Open the pool's connections first, so that the lanes' transactions really overlap.
    await Promise.all(Array.from({ length: lanes }, () => h.db.transaction(async (tx) => tx.execute(sql`select 1`))));
    for (let r = 0; r < rounds; r++) {
      // A fan imported from a spreadsheet before the account existed: an identity with no account yet.
      const [imported] = await h.db
        .insert(contacts)
        .values({ workspaceId, externalId: `crm-${r}`, name: 'Imported' })
        .returning();
      await h.db
        .insert(contactIdentities)
        .values({ workspaceId, contactId: imported!.id, kind: 'wechat_openid', value: `o-imp-${r}` });
      const stored = await Promise.all(
        Array.from({ length: lanes }, (_, lane) => {
          const shared = [follow(`imp-${r}-${lane}`, `o-imp-${r}`), follow(`new-${r}-${lane}`, `o-new-${r}`)];
          const own = Array.from({ length: 5 }, (_, i) => follow(`own-${r}-${lane}-${i}`, `o-${r}-${lane}-${i}`));
          // Each batch names the two shared fans at a different place among fans of its own.
          return storeEventsByIdentity(h.db, {
            workspaceId,
            source: 'wechat',
            events: lane % 2 ? [...shared, ...own] : [...own, ...shared.reverse()],
          });
        }),
      );
      expect(stored.map((s) => s.size)).toEqual(Array(lanes).fill(7));
    }
    // Every round's imported fan and new fan: all lanes' events on one contact each.
    const expected = Array.from({ length: rounds }, (_, r) => [
      { round: String(r), who: 'imp', contacts: 1 },
      { round: String(r), who: 'new', contacts: 1 },
    ]).flat();
    expect(await contactsOfEvents()).toEqual(expect.arrayContaining(expected));
    const [people] = (await h.db.execute(
      sql`select count(*)::int as n from contacts where workspace_id = ${workspaceId}::uuid`,
    )) as unknown as Array<{ n: number }>;
    // Per round: the imported contact, the new fan, and each lane's own five.
    expect(people!.n).toBe(rounds * (1 + 1 + lanes * 5));
  });

  it('finds a fan by a probe of its own identity, whatever plan is cached: a few pages among 20,000 fans', async () => {
    // The fans of a storm arrive faster than statistics follow, and a prepared statement keeps the generic plan it
    // made while the table was small: the probe must read the fan's own entry, not every identity of the kind.
    const { db: other, workspaceId: ws } = await createTestWorkspace('Probe');
    const account = await insertTestAccount(other.db, ws, 'wechat_service');
    const p = (n: number) => sql.raw(`$${n}`);
    // EXECUTE takes no bind parameters: the test's own values, written out.
    const args = (value: string, on: string | null) =>
      [ws, 'wechat_openid', value, on].map((v) => (v === null ? 'null' : `'${v}'`)).join();
    try {
      await other.db.transaction(async (tx) => {
        const lookup = async (value: string, on: string | null) => {
          const [found] = (await tx.execute(sql.raw(`execute probe(${args(value, on)})`))) as unknown as Array<{
            contact_id: string;
          }>;
          const [explained] = (await tx.execute(
            sql.raw(`explain (analyze, buffers, format json) execute probe(${args(value, on)})`),
          )) as unknown as Array<{ 'QUERY PLAN': Array<{ Plan: Record<string, number> }> }>;
          const plan = explained!['QUERY PLAN'][0]!.Plan;
          return { found: found?.contact_id, pages: plan['Shared Hit Blocks']! + plan['Shared Read Blocks']! };
        };
        await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
        // Without the value index a search by value could use (this test's database is its own): the probe stands
        // on the unique index of the identity alone.
        await tx.execute(sql`drop index contact_identities_value_prefix_idx`);
        await tx.execute(sql`prepare probe(uuid, text, text, uuid) as ${identityProbe(p(1), p(2), p(3), p(4))}`);
        // The plan is made while the workspace has no fan yet, and kept.
        expect((await lookup('o-many-7', account)).found).toBeUndefined();
        await tx.execute(sql`with made as (
            insert into contacts (workspace_id, external_id, name)
            select ${ws}::uuid, 'many-' || g, 'Fan ' || g from generate_series(1, 20000) g returning id, external_id)
          insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
          select ${ws}::uuid, id, 'wechat_openid', ${account}::uuid, 'o-' || external_id from made`);
        // An identity imported without an account.
        const [fan] = (await tx.execute(sql`insert into contact_identities (workspace_id, contact_id, kind, value)
          select workspace_id, id, 'wechat_openid', 'o-unbound' from contacts
          where workspace_id = ${ws}::uuid and external_id = 'many-7' returning contact_id`)) as unknown as Array<{
          contact_id: string;
        }>;
        for (const [value, on] of [
          ['o-many-7', account],
          ['o-unbound', null],
        ] as const) {
          const { found, pages } = await lookup(value, on);
          expect(found).toBe(fan!.contact_id);
          // A probe of the index and the heap page; with the account compared by `is not distinct from` the plan read
          // the kind's whole range of the index (365 pages here).
          expect(pages).toBeLessThan(12);
        }
        expect((await lookup('o-nobody', account)).found).toBeUndefined();
        await tx.execute(sql`deallocate probe`);
      });
    } finally {
      await other.close();
    }
  });
});
