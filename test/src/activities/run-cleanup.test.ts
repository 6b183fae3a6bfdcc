// Journey states have no foreign key to their run (a lookup per row written): deleting a journey or a
// workspace deletes its runs' states itself, and leaves every other run's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { deleteJourney, deleteWorkspace, sql } from '@herald/db';
import { agentSend, node } from '@herald/engine/testing';
import type { JourneyGraph } from '@herald/engine';
import { publish, seedContacts, seedWorkspace } from '../fixtures/seed';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const graph: JourneyGraph = {
  nodes: [node('trigger', 'event', { eventName: 'x', filters: [] }), agentSend('hello')],
  edges: [{ id: 'e1', source: 'trigger', target: 'hello' }],
  settings: { reentry: { mode: 'always' } },
};

/** A published journey in the workspace whose run holds a state per contact (as its entries would write). */
async function runWithStates(workspaceId: string) {
  const published = await publish(db.db, workspaceId, graph, 'journey');
  await db.db.execute(sql`insert into journey_states
      (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, entered_at, due_at)
    select ${workspaceId}::uuid, ${published.runId}::uuid, id, 1, ${published.versionId}::uuid, 'hello', now(), now()
    from contacts where workspace_id = ${workspaceId}::uuid`);
  return published;
}

const statesOf = async (runId: string) =>
  (
    (await db.db.execute(
      sql`select count(*)::int as n from journey_states where run_id = ${runId}::uuid`,
    )) as unknown as Array<{ n: number }>
  )[0]!.n;

describe("a run's states go with its journey and its workspace", () => {
  it('deletes the states of a deleted journey, and only those', async () => {
    const { workspaceId } = await seedWorkspace(db.db);
    await seedContacts(db.db, { workspaceId, n: 20, prefix: 'j' });
    const gone = await runWithStates(workspaceId);
    const kept = await runWithStates(workspaceId);
    expect([await statesOf(gone.runId), await statesOf(kept.runId)]).toEqual([20, 20]);
    await deleteJourney(db.db, { id: gone.journeyId });
    expect([await statesOf(gone.runId), await statesOf(kept.runId)]).toEqual([0, 20]);
  });

  it("deletes a deleted workspace's states, and no other workspace's", async () => {
    const [a, b] = [await seedWorkspace(db.db), await seedWorkspace(db.db)];
    await seedContacts(db.db, { workspaceId: a.workspaceId, n: 10, prefix: 'a' });
    await seedContacts(db.db, { workspaceId: b.workspaceId, n: 10, prefix: 'b' });
    const [gone, kept] = [await runWithStates(a.workspaceId), await runWithStates(b.workspaceId)];
    await deleteWorkspace(db.db, { id: a.workspaceId });
    expect([await statesOf(gone.runId), await statesOf(kept.runId)]).toEqual([0, 10]);
  });
});
