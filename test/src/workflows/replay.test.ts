// Determinism guard: today's workflow code must replay the histories recorded from earlier code,
// exactly as a deployed worker replays the workflows still running when new code rolls out. A
// change that would break running broadcasts or journeys (a new activity call, a reordered timer)
// fails here until it is put behind patched() — see docs/ARCHITECTURE.md, "Changing workflow code".
//
// Re-record (only when a change is meant to be incompatible and is versioned with patched()):
//   HERALD_RECORD_HISTORIES=1 node_modules/.bin/vitest run test/src/workflows/replay.test.ts
// Keep the old files: each is a workflow some deployment may still be running.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { agentSend, broadcastJourney, followJourney, node } from '@herald/engine/testing';
import { markEventArrivals, recordEntries, sql } from '@herald/db';
import {
  contactEventSignal,
  pauseSignal,
  resumeSignal,
  runWorkflowId,
  scheduleWorkflowId,
  wakeSignal,
  type BroadcastInput,
  type RunInput,
} from '@herald/engine/workflows';
import type { JourneyGraph } from '@herald/engine';
import { uniqueTaskQueue, workflowBundle } from '../temporal/env';
import { agentText, publish } from '../fixtures/seed';
import { startWorkflowRig, tagAudience, type Harness, type WorkflowRig } from './harness';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const recording = process.env.HERALD_RECORD_HISTORIES === '1';
const stamp = new Date().toISOString().slice(0, 10);

describe.runIf(recording)('recording workflow histories (HERALD_RECORD_HISTORIES=1)', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let rig: WorkflowRig;
  const taskQueue = uniqueTaskQueue('record');
  beforeAll(async () => {
    rig = await startWorkflowRig(taskQueue, 120);
    ({ env, h } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const audience = () => tagAudience(h.tag);
  const save = async (name: string, handle: { fetchHistory(): Promise<Parameters<typeof historyToJSON>[0]> }) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}${stamp}-${name}.json`, historyToJSON(await handle.fetchHistory()));
  };
  const startJourney = async (graph: JourneyGraph, external: string) =>
    (await rig.startJourney(graph, external)).handle;

  it('records a scheduled broadcast paused and resumed, in parallel lanes', async () => {
    const run = await publish(h.db.db, h.workspaceId, broadcastJourney(agentText(h.wecom, 'replay'), audience()));
    const input: BroadcastInput = {
      workspaceId: h.workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      nodeId: run.nodeId,
      pageSize: 25,
      concurrency: 2,
      sendAt: (await env.currentTimeMs()) + 600_000,
    };
    const handle = await env.client.workflow.start('broadcastWorkflow', {
      taskQueue,
      workflowId: `broadcast/${run.runId}`,
      args: [input],
    });
    await handle.signal(pauseSignal);
    await env.sleep('15 minutes');
    await handle.signal(resumeSignal);
    expect(await handle.result()).toMatchObject({ status: 'completed', sent: 120 });
    await save('broadcast-scheduled-paused', handle);
  });

  it('records a WeCom group message that waits for confirmations', async () => {
    const run = await publish(
      h.db.db,
      h.workspaceId,
      broadcastJourney(
        { channelAccountId: h.wecom, groupName: 'Replay', messages: [{ type: 'text', text: 'group replay' }] },
        audience(),
      ),
    );
    const input: BroadcastInput = {
      workspaceId: h.workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      nodeId: run.nodeId,
      pageSize: 50,
    };
    const handle = await env.client.workflow.start('broadcastWorkflow', {
      taskQueue,
      workflowId: `broadcast/${run.runId}`,
      args: [input],
    });
    expect(await handle.result()).toMatchObject({ status: 'completed', sent: 120 });
    await save('broadcast-group-message', handle);
  });

  it('records a journey: follow, wait 3 days, agent message', async () => {
    const graph = followJourney({ channelAccountId: h.wecom });
    graph.nodes[1] = { ...graph.nodes[1]!, data: { duration: { amount: 3, unit: 'days' } } } as (typeof graph.nodes)[1];
    const handle = await startJourney(graph, 'c1');
    expect(await handle.result()).toMatchObject({ status: 'done' });
    await save('journey-wait-send', handle);
  });

  it('records a journey whose contact sends the awaited event (a signal), in quiet hours', async () => {
    const g = followJourney({ channelAccountId: h.wecom });
    const graph: JourneyGraph = {
      ...g,
      settings: { reentry: { mode: 'never' }, quietHours: { start: '00:00', end: '23:59', timezone: 'UTC' } },
      nodes: [
        g.nodes[0]!,
        {
          id: 'wfe',
          kind: 'wait_for_event',
          position: { x: 0, y: 100 },
          data: { eventName: 'purchase', timeout: { amount: 2, unit: 'days' }, filters: [] },
        },
        { ...g.nodes[2]!, id: 'thanks' },
        { ...g.nodes[2]!, id: 'nudge' },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'wfe' },
        { id: 'e2', source: 'wfe', sourceHandle: 'event', target: 'thanks' },
        { id: 'e3', source: 'wfe', sourceHandle: 'timeout', target: 'nudge' },
      ],
    };
    const handle = await startJourney(graph, 'c2');
    await env.sleep('1 hour');
    await handle.signal(contactEventSignal, { name: 'purchase', eventId: 'evt-purchase' });
    expect(await handle.result()).toMatchObject({ status: 'done' });
    await save('journey-event-quiet-hours', handle);
  });
});

describe.runIf(recording)("recording the set-based engine's histories (HERALD_RECORD_HISTORIES=1)", () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let rig: WorkflowRig;
  const taskQueue = uniqueTaskQueue('record-run');
  beforeAll(async () => {
    rig = await startWorkflowRig(taskQueue, 60);
    ({ env, h } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });
  const save = async (name: string, history: Parameters<typeof historyToJSON>[0]) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}${stamp}-${name}.json`, historyToJSON(history));
  };
  const send = (id: string, text: string) =>
    agentSend(id, { channelAccountId: h.wecom, messages: [{ type: 'text', text }] });

  it('records a batch run: audience → send → wait 1 day (paused, resumed) → split → send/exit', async () => {
    const graph: JourneyGraph = {
      nodes: [
        tagAudience(h.tag),
        send('first', 'replay first'),
        node('wait', 'wait', { duration: { amount: 1, unit: 'days' } }),
        node('split', 'split', { mode: 'yes_no', condition: { kind: 'message', nodeId: 'first', status: 'read' } }),
        send('again', 'replay again'),
        node('out', 'exit', {}),
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'first' },
        { id: 'e2', source: 'first', target: 'wait' },
        { id: 'e3', source: 'wait', target: 'split' },
        { id: 'e4', source: 'split', sourceHandle: 'no', target: 'again' },
        { id: 'e5', source: 'split', sourceHandle: 'yes', target: 'out' },
      ],
      settings: { reentry: { mode: 'never' } },
    };
    const run = await publish(h.db.db, h.workspaceId, graph, 'journey');
    const input: RunInput = {
      workspaceId: h.workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      mode: 'batch',
      pageSize: 25,
      concurrency: 2,
      resultPolls: { times: 0, everyMs: 1 },
    };
    const handle = await env.client.workflow.start('journeyRunWorkflow', {
      taskQueue,
      workflowId: runWorkflowId(run.runId),
      args: [input],
    });
    await handle.signal(pauseSignal);
    await env.sleep('2 hours');
    await handle.signal(resumeSignal);
    expect(await handle.result()).toMatchObject({ status: 'completed', sent: 120 });
    await save('run-batch-journey', await handle.fetchHistory());
  });

  it('records a real-time run woken by entries and by an awaited event, then timing out', async () => {
    const g = followJourney({ channelAccountId: h.wecom });
    const graph: JourneyGraph = {
      ...g,
      nodes: [
        g.nodes[0]!,
        node('wfe', 'wait_for_event', { eventName: 'purchase', timeout: { amount: 2, unit: 'days' }, filters: [] }),
        send('thanks', 'replay thanks'),
        send('nudge', 'replay nudge'),
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'wfe' },
        { id: 'e2', source: 'wfe', sourceHandle: 'event', target: 'thanks' },
        { id: 'e3', source: 'wfe', sourceHandle: 'timeout', target: 'nudge' },
      ],
    };
    const run = await publish(h.db.db, h.workspaceId, graph, 'journey');
    const contacts = (await h.db.db.execute(
      sql`select id from contacts where external_id in ('c1', 'c2') order by external_id`,
    )) as unknown as Array<{ id: string }>;
    await h.db.db.transaction((tx) =>
      recordEntries(
        tx as unknown as typeof h.db.db,
        { workspaceId: h.workspaceId, journeyId: run.journeyId, journeyVersionId: run.versionId },
        { mode: 'never' },
        contacts.map((c, i) => ({ contactId: c.id, eventId: `follow-${i}`, seq: i })),
      ),
    );
    const input: RunInput = {
      workspaceId: h.workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      mode: 'realtime',
    };
    const handle = await env.client.workflow.signalWithStart('journeyRunWorkflow', {
      taskQueue,
      workflowId: runWorkflowId(run.runId),
      args: [input],
      signal: wakeSignal,
      signalArgs: [],
    });
    const awaiting = async () =>
      (
        (await h.db.db.execute(
          sql`select count(*)::int as n from journey_states
            where run_id = ${run.runId}::uuid and awaiting = 'purchase'`,
        )) as unknown as Array<{ n: number }>
      )[0]!.n;
    await expect.poll(awaiting, { timeout: 20_000 }).toBe(2);
    await h.db.db.transaction((tx) =>
      markEventArrivals(
        tx as unknown as typeof h.db.db,
        [
          {
            runId: run.runId,
            nodeIds: ['wfe'],
            contactId: contacts[0]!.id,
            eventName: 'purchase',
            at: new Date().toISOString(),
          },
        ],
        new Date(),
      ),
    );
    await handle.signal(wakeSignal);
    const sent = (text: string) => h.sandbox.store.query({ method: 'agent' }).filter((m) => m.content === text).length;
    await expect.poll(() => sent('replay thanks'), { timeout: 20_000 }).toBe(1);
    await env.sleep('3 days');
    await expect.poll(() => sent('replay nudge'), { timeout: 20_000 }).toBe(1);
    await save('run-realtime-event-timeout', await handle.fetchHistory());
    await handle.terminate('recorded');
  });

  it('records a daily schedule opening one occurrence and continuing as new', async () => {
    const graph = broadcastJourney(
      agentText(h.wecom, 'replay daily'),
      node('trigger', 'schedule', {
        mode: 'recurring',
        every: 'day',
        time: '09:00',
        timezone: 'Asia/Shanghai',
        audience: { kind: 'tags', mode: 'any', tagIds: [h.tag], excludeTagIds: [] },
      }),
    );
    const run = await publish(h.db.db, h.workspaceId, graph, 'journey');
    const handle = await env.client.workflow.start('journeyScheduleWorkflow', {
      taskQueue,
      workflowId: scheduleWorkflowId(run.journeyId),
      args: [{ workspaceId: h.workspaceId, journeyId: run.journeyId }],
    });
    await env.sleep('25 hours');
    const first = env.client.workflow.getHandle(scheduleWorkflowId(run.journeyId), handle.firstExecutionRunId);
    await expect.poll(async () => (await first.describe()).status.name, { timeout: 20_000 }).toBe('CONTINUED_AS_NEW');
    await save('schedule-daily-occurrence', await first.fetchHistory());
    await handle.terminate('recorded');
  });
});

describe('workflow code replays every recorded history (determinism guard)', () => {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('has histories of every workflow type to replay', () => {
    const types = new Set(
      files.map(
        (f) =>
          (
            JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as {
              events: Array<{ workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }>;
            }
          ).events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name,
      ),
    );
    expect([...types].sort()).toEqual([
      'broadcastWorkflow',
      'journeyRunWorkflow',
      'journeyScheduleWorkflow',
      'journeyWorkflow',
    ]);
  });

  it.each(files)('replays %s without a determinism error', async (file) => {
    const history: unknown = JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: workflowBundle(), replayName: file }, history, file);
  });
});
