import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createDb, type DbHandle } from './client';
import { migrateDb } from './migrate';
import { createTestDatabase, dropStaleTestDatabases, testDatabaseUrl, type TestDatabase } from './testing';
import {
  broadcasts,
  contactIdentities,
  contactTags,
  contacts,
  deliveries,
  inboundEvents,
  journeyVersions,
  journeys,
  runs,
  tags,
  workspaces,
} from './schema/index';

async function roundTrip(handle: DbHandle): Promise<void> {
  const { db } = handle;
  const [ws] = await db
    .insert(workspaces)
    .values({ name: 'Acme', slug: `acme-${Math.random()}` })
    .returning();
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId: ws!.id, externalId: 'c-1', name: 'Li Lei', attributes: { city: 'Shanghai' } })
    .returning();
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
    .innerJoin(
      contactIdentities,
      and(eq(contactIdentities.contactId, contacts.id), eq(contactIdentities.kind, 'email')),
    )
    .where(eq(contactTags.tagId, vip!.id));
  expect(rows).toEqual([{ name: 'Li Lei', city: 'Shanghai', email: 'li@example.com' }]);

  // The same identity twice on the same account scope is refused, even with a null account.
  await expect(
    db
      .insert(contactIdentities)
      .values({ workspaceId: ws!.id, contactId: contact!.id, kind: 'email', value: 'li@example.com' }),
  ).rejects.toThrow();

  // Exactly-once keys: the second delivery with the same key and the second event with the same id write nothing.
  const [journey] = await db
    .insert(journeys)
    .values({ workspaceId: ws!.id, name: 'J', draftGraph: { nodes: [], edges: [] } })
    .returning();
  const [version] = await db
    .insert(journeyVersions)
    .values({ workspaceId: ws!.id, journeyId: journey!.id, version: 1, graph: {}, plan: {}, planSchemaVersion: 1 })
    .returning();
  const [run] = await db
    .insert(runs)
    .values({ workspaceId: ws!.id, journeyVersionId: version!.id, kind: 'broadcast' })
    .returning();
  const key = {
    workspaceId: ws!.id,
    runId: run!.id,
    nodeId: 'send-1',
    contactId: contact!.id,
    messageIndex: 0,
    method: 'wecom_agent',
  };
  const first = await db.insert(deliveries).values(key).onConflictDoNothing().returning({ id: deliveries.id });
  const second = await db.insert(deliveries).values(key).onConflictDoNothing().returning({ id: deliveries.id });
  expect(first).toHaveLength(1);
  expect(second).toHaveLength(0);

  const event = { workspaceId: ws!.id, source: 'api', externalId: 'evt-1', type: 'follow', occurredAt: new Date() };
  expect(
    await db.insert(inboundEvents).values(event).onConflictDoNothing().returning({ id: inboundEvents.id }),
  ).toHaveLength(1);
  expect(
    await db.insert(inboundEvents).values(event).onConflictDoNothing().returning({ id: inboundEvents.id }),
  ).toHaveLength(0);
}

/** What the schema itself refuses or keeps consistent, whoever writes the rows. */
async function rules(handle: DbHandle): Promise<void> {
  const { db } = handle;
  const [ws] = await db
    .insert(workspaces)
    .values({ name: 'Rules', slug: `rules-${Math.random()}` })
    .returning();
  const [journey] = await db
    .insert(journeys)
    .values({ workspaceId: ws!.id, name: 'Spring sale', kind: 'broadcast', draftGraph: {} })
    .returning();
  const [version] = await db
    .insert(journeyVersions)
    .values({ workspaceId: ws!.id, journeyId: journey!.id, version: 1, graph: {}, plan: {}, planSchemaVersion: 1 })
    .returning();
  await db.update(journeys).set({ currentVersionId: version!.id }).where(eq(journeys.id, journey!.id));
  const [run] = await db
    .insert(runs)
    .values({ workspaceId: ws!.id, journeyVersionId: version!.id, kind: 'broadcast' })
    .returning();
  const row = { workspaceId: ws!.id, runId: run!.id, nodeId: 'send', contactId: ws!.id, method: 'wecom_agent' };

  // Closed sets are CHECKed in the database, not only typed: raw SQL cannot write a typo either.
  await expect(
    db.execute(
      sql`insert into deliveries (workspace_id, run_id, node_id, contact_id, method, status)
        values (${ws!.id}, ${run!.id}, 'send', ${ws!.id}, 'wecom_agent', 'sentt')`,
    ),
  ).rejects.toThrow();
  // A skipped send always carries its reason.
  await expect(db.insert(deliveries).values({ ...row, status: 'skipped' })).rejects.toThrow();
  expect(
    await db
      .insert(deliveries)
      .values({ ...row, status: 'skipped', skipReason: 'quota_day' })
      .returning({ id: deliveries.id }),
  ).toHaveLength(1);
  // A timed broadcast has a send time.
  await expect(
    db
      .insert(broadcasts)
      .values({ workspaceId: ws!.id, journeyId: journey!.id, name: 'x', method: 'wecom_agent', sendType: 'timed' }),
  ).rejects.toThrow();

  // Name search by infix can use the trigram index (pg_trgm is loaded on both drivers).
  await db.insert(broadcasts).values({
    workspaceId: ws!.id,
    journeyId: journey!.id,
    name: 'Spring sale: VIP reminder',
    method: 'wecom_agent',
    sendType: 'immediate',
  });
  const found = await db
    .select({ name: broadcasts.name })
    .from(broadcasts)
    .where(sql`${broadcasts.name} ilike '%vip rem%'`);
  expect(found).toEqual([{ name: 'Spring sale: VIP reminder' }]);
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const plan = JSON.stringify(await tx.execute(sql`explain select id from broadcasts where name ilike '%vip rem%'`));
    expect(plan).toContain('broadcasts_name_trgm_idx');
  });

  // Deleting a journey takes its versions, runs and deliveries with it, despite the journey ↔ current version cycle.
  await db.delete(journeys).where(eq(journeys.id, journey!.id));
  expect(await db.select().from(deliveries).where(eq(deliveries.runId, run!.id))).toEqual([]);
  expect(await db.select().from(journeyVersions).where(eq(journeyVersions.journeyId, journey!.id))).toEqual([]);
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

  it('enforces the schema rules on embedded PGlite', async () => {
    await rules(pglite);
  });

  it('enforces the schema rules on real PostgreSQL', async () => {
    await rules(pg);
  });

  it('migrating twice is a no-op', async () => {
    await migrateDb(pglite);
    await migrateDb(pg, pg.url);
    const tables = await pg.db.execute(
      sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    expect((tables as unknown as Array<{ n: number }>)[0]?.n).toBeGreaterThanOrEqual(20);
  });

  it('has autovacuum visit the ledger after 100,000 dead rows, however large it is, on both drivers', async () => {
    // Not after a fifth of the table (PostgreSQL's default): until a vacuum, reads of updated ledger rows by their key
    // step over their dead versions (migration 0027).
    for (const handle of [pglite, pg]) {
      const rows = (await handle.db.execute(
        sql`select reloptions from pg_class where relname = 'deliveries' and relkind = 'r'`,
      )) as unknown as Array<{ reloptions: string[] }>;
      expect([...rows[0]!.reloptions].sort()).toEqual([
        'autovacuum_vacuum_insert_scale_factor=0',
        'autovacuum_vacuum_insert_threshold=1000000',
        'autovacuum_vacuum_scale_factor=0',
        'autovacuum_vacuum_threshold=100000',
      ]);
    }
  });
});

describe('embedded database on disk', () => {
  it('keeps its data across a restart, and migrating again changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-pglite-'));
    try {
      const first = await createDb({ dataDir: dir });
      await migrateDb(first);
      await first.db.insert(workspaces).values({ name: 'Kept', slug: 'kept' });
      await first.close();
      const second = await createDb({ dataDir: dir });
      await migrateDb(second);
      expect(await second.db.select({ name: workspaces.name }).from(workspaces)).toEqual([{ name: 'Kept' }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('test databases', () => {
  it('gives concurrent callers separate databases cloned from the migrated template', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      await a.db.insert(workspaces).values({ name: 'Only in A', slug: 'a' });
      expect(await b.db.select().from(workspaces)).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const admin = await createDb({ url: testDatabaseUrl(), max: 1 });
    const left = await admin.db.execute(sql`select datname from pg_database where datname in (${a.name}, ${b.name})`);
    await admin.close();
    expect([...(left as unknown as unknown[])]).toEqual([]);
  });

  it('drops test databases a crashed run left behind a day ago, and no newer ones', async () => {
    const admin = await createDb({ url: testDatabaseUrl(), max: 1 });
    const old = `herald_t_${(Date.now() - 2 * 24 * 3600_000).toString(36)}_crashed${Math.floor(Math.random() * 1e6)}`;
    const fresh = await createTestDatabase();
    try {
      await admin.db.execute(sql.raw(`create database "${old}"`));
      expect(await dropStaleTestDatabases()).toBeGreaterThanOrEqual(1);
      const left = await admin.db.execute(
        sql`select datname from pg_database where datname in (${old}, ${fresh.name})`,
      );
      expect([...(left as unknown as Array<{ datname: string }>)].map((r) => r.datname)).toEqual([fresh.name]);
    } finally {
      await fresh.close();
      await admin.close();
    }
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

  it('says to check the password when PostgreSQL refuses the credentials', async () => {
    const url = new URL(testDatabaseUrl());
    url.password = 'definitely-wrong';
    await expect(createDb({ url: url.toString() })).rejects.toMatchObject({
      code: 'HERALD_ERR_DB_UNREACHABLE',
      message: expect.stringMatching(/cannot connect to PostgreSQL at .*check the user and password in DATABASE_URL/),
    });
  });

  it('refuses a URL that is not one', async () => {
    await expect(createDb({ url: 'not a url' })).rejects.toMatchObject({ code: 'HERALD_ERR_DB_URL' });
  });
});
