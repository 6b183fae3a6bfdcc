import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createDb, type DbHandle } from './client';
import { migrateDb } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';
import { contactIdentities, contactTags, contacts, deliveries, inboundEvents, journeyVersions, journeys, runs, tags, workspaces } from './schema/index';

async function roundTrip(handle: DbHandle): Promise<void> {
  const { db } = handle;
  const [ws] = await db.insert(workspaces).values({ name: 'Acme', slug: `acme-${Math.random()}` }).returning();
  const [contact] = await db.insert(contacts).values({ workspaceId: ws!.id, externalId: 'c-1', name: 'Li Lei', attributes: { city: 'Shanghai' } }).returning();
  await db.insert(contactIdentities).values([
    { workspaceId: ws!.id, contactId: contact!.id, kind: 'email', value: 'li@example.com' },
    { workspaceId: ws!.id, contactId: contact!.id, kind: 'phone', value: '+8613800000000' },
  ]);
  const [vip] = await db.insert(tags).values({ workspaceId: ws!.id, name: 'VIP' }).returning();
  await db.insert(contactTags).values({ workspaceId: ws!.id, contactId: contact!.id, tagId: vip!.id });

  const rows = await db
    .select({ name: contacts.name, city: sql<string>`${contacts.attributes}->>'city'`, email: contactIdentities.value })
    .from(contacts)
    .innerJoin(contactTags, eq(contactTags.contactId, contacts.id))
    .innerJoin(contactIdentities, and(eq(contactIdentities.contactId, contacts.id), eq(contactIdentities.kind, 'email')))
    .where(eq(contactTags.tagId, vip!.id));
  expect(rows).toEqual([{ name: 'Li Lei', city: 'Shanghai', email: 'li@example.com' }]);

  // The same identity twice on the same account scope is refused, even with a null account.
  await expect(db.insert(contactIdentities).values({ workspaceId: ws!.id, contactId: contact!.id, kind: 'email', value: 'li@example.com' })).rejects.toThrow();

  // Exactly-once keys: the second delivery with the same key and the second event with the same id write nothing.
  const [journey] = await db.insert(journeys).values({ workspaceId: ws!.id, name: 'J', draftGraph: { nodes: [], edges: [] } }).returning();
  const [version] = await db.insert(journeyVersions).values({ workspaceId: ws!.id, journeyId: journey!.id, version: 1, graph: {}, plan: {}, planSchemaVersion: 1 }).returning();
  const [run] = await db.insert(runs).values({ workspaceId: ws!.id, journeyVersionId: version!.id, kind: 'broadcast' }).returning();
  const key = { workspaceId: ws!.id, runId: run!.id, nodeId: 'send-1', contactId: contact!.id, messageIndex: 0, method: 'wecom_agent' };
  const first = await db.insert(deliveries).values(key).onConflictDoNothing().returning({ id: deliveries.id });
  const second = await db.insert(deliveries).values(key).onConflictDoNothing().returning({ id: deliveries.id });
  expect(first).toHaveLength(1);
  expect(second).toHaveLength(0);

  const event = { workspaceId: ws!.id, source: 'api', externalId: 'evt-1', type: 'follow', occurredAt: new Date() };
  expect(await db.insert(inboundEvents).values(event).onConflictDoNothing().returning({ id: inboundEvents.id })).toHaveLength(1);
  expect(await db.insert(inboundEvents).values(event).onConflictDoNothing().returning({ id: inboundEvents.id })).toHaveLength(0);
}

describe('the same migrations and queries on both drivers', () => {
  let pglite: DbHandle;
  let pg: TestDatabase;
  beforeAll(async () => {
    pglite = await createDb({ dataDir: 'memory://' });
    await migrateDb(pglite);
    pg = await createTestDatabase();
  });
  afterAll(async () => {
    await pglite?.close();
    await pg?.close();
  });

  it('round-trips on embedded PGlite', async () => {
    expect(pglite.kind).toBe('pglite');
    await roundTrip(pglite);
  });

  it('round-trips on real PostgreSQL', async () => {
    expect(pg.kind).toBe('postgres');
    await roundTrip(pg);
  });

  it('migrating twice is a no-op', async () => {
    await migrateDb(pglite);
    await migrateDb(pg, pg.url);
    const tables = await pg.db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
    expect((tables as unknown as Array<{ n: number }>)[0]?.n).toBeGreaterThanOrEqual(20);
  });
});

describe('bad database configuration', () => {
  it('names the host and the fix when PostgreSQL is unreachable', async () => {
    const started = Date.now();
    await expect(createDb({ url: 'postgres://u:p@127.0.0.1:1/none' })).rejects.toMatchObject({
      code: 'HERALD_ERR_DB_UNREACHABLE',
      message: expect.stringContaining('127.0.0.1:1/none'),
    });
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('refuses a URL that is not one', async () => {
    await expect(createDb({ url: 'not a url' })).rejects.toMatchObject({ code: 'HERALD_ERR_DB_URL' });
  });
});
