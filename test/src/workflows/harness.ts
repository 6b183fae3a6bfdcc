// Shared setup for workflow tests: a test database, the sandbox, a WeCom account and contacts.
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { ChannelClients, createActivities } from '@herald/activities';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import type { HeraldActivities } from '@herald/engine/workflows';
import { seedAccount, seedContacts, seedTag, seedWorkspace, testSecretKey } from '../fixtures/seed';

export interface Harness {
  db: TestDatabase;
  sandbox: Sandbox;
  channels: ChannelClients;
  activities: HeraldActivities;
  workspaceId: string;
  wecom: string;
  tag: string;
  close(): Promise<void>;
}

/** A database with `n` contacts (WeCom ids wm1..wmN, all tagged), the sandbox and real activities. */
export async function createHarness(n: number): Promise<Harness> {
  const db = await createTestDatabase();
  const sandbox = await startSandbox({ confirmDelayMs: 0, smtpPort: -1 });
  const channels = new ChannelClients();
  const { workspaceId, employeeId } = await seedWorkspace(db.db);
  const wecom = await seedAccount(db.db, workspaceId, 'wecom', sandbox.url);
  const tag = await seedTag(db.db, workspaceId, 'VIP');
  await seedContacts(db.db, { workspaceId, n, ownerEmployeeId: employeeId, identity: { kind: 'wecom_external_userid', valuePrefix: 'wm' }, tags: [{ tagId: tag, every: 1 }] });
  return {
    db, sandbox, channels, workspaceId, wecom, tag,
    activities: createActivities({ db: db.db, secretKey: testSecretKey, channels }),
    close: async () => { channels.close(); await sandbox.close(); await db.close(); },
  };
}
