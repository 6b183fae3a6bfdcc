// Shared setup for workflow tests: a test database, the sandbox, a WeCom account and contacts.
import type { TestDatabase } from '@herald/db/testing';
import type { ChannelClients } from '@herald/channels';
import type { Sandbox } from '@herald/sandbox';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { sql } from '@herald/db';
import type { JourneyGraph } from '@herald/engine';
import { audienceTrigger, liftedMemberRates } from '@herald/engine/testing';
import {
  journeyWorkflowId,
  runWorkflowId,
  type HeraldActivities,
  type JourneyInput,
  type RunInput,
} from '@herald/engine/workflows';
import { createTimeSkippingEnv, workflowBundle } from '../temporal/env';
import { publish, seedAccount, seedContacts, seedTag } from '../fixtures/seed';
import { startActivitiesRig } from '../fixtures/activities-rig';

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
  const rig = await startActivitiesRig();
  const { db, sandbox } = rig;
  const { workspaceId, employeeId } = rig.ws;
  // One employee owns every contact, and these tests are about the workflows (pages, pauses, continue-as-new),
  // not WeCom's 30 app messages a minute per employee: the account lifts its per-member rates, as an
  // account's override may (member-rates.test.ts sends through them).
  const wecom = await seedAccount(db.db, workspaceId, 'wecom', sandbox.url, {}, liftedMemberRates());
  const tag = await seedTag(db.db, workspaceId, 'VIP');
  await seedContacts(db.db, {
    workspaceId,
    n,
    ownerEmployeeId: employeeId,
    identity: { kind: 'wecom_external_userid', valuePrefix: 'wm' },
    tags: [{ tagId: tag, every: 1 }],
  });
  return { db, sandbox, channels: rig.channels, workspaceId, wecom, tag, activities: rig.acts, close: rig.close };
}

/** A broadcast's audience node: every contact with the tag. */
export const tagAudience = (tag: string) =>
  audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] });

/** The time-skipping Temporal server, a harness of `contacts` and a worker on `taskQueue`, for one test file. */
export interface WorkflowRig {
  env: TestWorkflowEnvironment;
  h: Harness;
  /** A contact's id from its external id (c1…cN). */
  contactId(external: string): Promise<string>;
  /** Publishes a journey and starts its workflow for one contact (entry 1). */
  startJourney(
    graph: JourneyGraph,
    external: string,
  ): Promise<{ handle: WorkflowHandle; versionId: string; runId: string }>;
  /**
   * Starts a published batch journey's run workflow (no result polls; `extra`, e.g. its page size); its `result()`
   * lets the server skip time.
   */
  startBatchRun(
    published: { runId: string; versionId: string },
    extra?: Pick<RunInput, 'pageSize' | 'concurrency'>,
  ): Promise<WorkflowHandle>;
  close(): Promise<void>;
}

export async function startWorkflowRig(taskQueue: string, contacts: number): Promise<WorkflowRig> {
  const [env, h] = await Promise.all([createTimeSkippingEnv(), createHarness(contacts)]);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: h.activities,
  });
  const running = worker.run();
  const contactId = async (external: string) =>
    (
      (await h.db.db.execute(sql`select id from contacts where external_id = ${external}`)) as unknown as Array<{
        id: string;
      }>
    )[0]!.id;
  return {
    env,
    h,
    contactId,
    startJourney: async (graph, external) => {
      const { journeyId, versionId, runId } = await publish(h.db.db, h.workspaceId, graph, 'journey');
      const input: JourneyInput = {
        workspaceId: h.workspaceId,
        journeyVersionId: versionId,
        runId,
        contactId: await contactId(external),
        entry: { entrySeq: 1, eventId: `evt-${external}` },
      };
      const handle = await env.client.workflow.start('journeyWorkflow', {
        taskQueue,
        workflowId: journeyWorkflowId(h.workspaceId, journeyId, input.contactId),
        args: [input],
      });
      return { handle, versionId, runId };
    },
    startBatchRun: async ({ runId, versionId }, extra = {}) => {
      const input: RunInput = {
        workspaceId: h.workspaceId,
        runId,
        journeyVersionId: versionId,
        mode: 'batch',
        resultPolls: { times: 0, everyMs: 1 },
        ...extra,
      };
      return env.client.workflow.start('journeyRunWorkflow', {
        taskQueue,
        workflowId: runWorkflowId(runId),
        args: [input],
      });
    },
    close: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
      await h.close();
    },
  };
}
