import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestWorkspace, insertTestAccount, type TestDatabase } from './testing';
import { storeEventsByIdentity, type IdentityEvent } from './queries/identity-events';
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
});
