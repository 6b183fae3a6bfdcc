// What the set-based engine adds to the canvas, in a real browser: a weekly schedule on several days
// with its next run shown once published, and moving waiting contacts to a new version after a dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { drainOnce } from '@herald/api';
import type { JourneyGraph } from '@herald/engine';
import type { Sandbox } from '@herald/sandbox';
import { apiJson, type ApiHarness } from '../api/api-harness';
import { draftSaved, startBrowserStack, type BrowserStack, savedRevision } from './browser';

let stack: BrowserStack;
let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let page: Page;
let h: ApiHarness;
let base: string;
let wechat: string;
let wecom: string;
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  stack = await startBrowserStack('engine-canvas', { sandbox: { confirmDelayMs: 0 } });
  ({ env, sandbox, h, base, page } = stack);
  wechat = await stack.account({
    kind: 'wechat_service',
    name: 'Canvas OA',
    settings: { appId: 'wx-canvas' },
    credentials: { callbackToken: 't' },
  });
  wecom = await stack.account({
    kind: 'wecom',
    name: 'Canvas WeCom',
    settings: { corpId: 'corp-canvas', agentId: 1000002 },
  });
}, 120_000);

afterAll(async () => stack?.close());

const welcome = (text: string): JourneyGraph => ({
  nodes: [
    { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
    { id: 'wait', kind: 'wait', position: { x: 0, y: 160 }, data: { duration: { amount: 1, unit: 'days' } } },
    {
      id: 'welcome',
      kind: 'send',
      position: { x: 0, y: 320 },
      data: {
        channelAccountId: wecom,
        channel: 'wecom',
        method: 'wecom_agent',
        type: 'contacts',
        messages: [{ type: 'text', text }],
      },
    },
  ],
  edges: [
    { id: 'e1', source: 'follow', target: 'wait' },
    { id: 'e2', source: 'wait', target: 'welcome' },
  ],
  settings: { reentry: { mode: 'never' } },
});

describe('the engine on the canvas', () => {
  it('repeats on Mondays and Thursdays at 09:00 and shows the next run once published', async () => {
    const tag = (await api('POST', '/api/tags', { name: 'Weekly club' })).id as string;
    const graph: JourneyGraph = {
      nodes: [
        {
          id: 'when',
          kind: 'schedule',
          position: { x: 0, y: 0 },
          data: {
            mode: 'once',
            at: new Date(Date.now() + 3_600_000).toISOString(),
            audience: { kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] },
          },
        },
        { ...welcome('Weekly tip').nodes[2]!, id: 'tip', position: { x: 0, y: 200 } },
      ],
      edges: [{ id: 'e1', source: 'when', target: 'tip' }],
      settings: { reentry: { mode: 'never' } },
    };
    const id = (await api('POST', '/api/journeys', { name: 'Weekly tip', graph })).id as string;
    await page.goto(`${base}/#/journeys/${id}`);
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    const revision = await savedRevision(page);
    await page.locator('.react-flow__node[data-id="when"]').click();
    await page.getByLabel('Schedule', { exact: true }).selectOption('recurring');
    await page.getByLabel('Thu').check();
    await page.getByLabel('Schedule time', { exact: true }).fill('09:00');
    await page.getByLabel('Schedule time zone').fill('Asia/Shanghai');
    await draftSaved(page, revision);
    expect((await api('GET', `/api/journeys/${id}`)).graph.nodes[0].data).toMatchObject({
      mode: 'recurring',
      every: 'week',
      weekdays: [1, 4],
      time: '09:00',
      timezone: 'Asia/Shanghai',
    });
    await page.getByTestId('publish').click();
    const next = page.getByTestId('next-run');
    await next.waitFor({ timeout: 0 });
    const nextRunAt = new Date((await api('GET', `/api/journeys/${id}`)).nextRunAt as string);
    // 09:00 in Shanghai is 01:00 UTC, on a Monday or a Thursday there.
    expect(nextRunAt.getUTCHours()).toBe(1);
    expect([1, 4]).toContain(nextRunAt.getUTCDay());
    expect(nextRunAt.getTime()).toBeGreaterThan(Date.now());
    await api('POST', `/api/journeys/${id}/archive`);
  });

  it('moves a contact waiting in version 1 to version 2 after showing who would move', async () => {
    // Owned by an employee: the welcome is an agent message, which goes through the contact's owner.
    await api('POST', '/api/employees', { wecomUserId: 'canvas-owner', name: 'Canvas Owner' });
    await api('POST', '/api/contacts/import', {
      contacts: [
        {
          externalId: 'waiter',
          name: 'Wai',
          identities: [{ kind: 'wecom_external_userid', value: 'wm-waiter' }],
          owners: ['canvas-owner'],
        },
      ],
    });
    const id = (await api('POST', '/api/journeys', { name: 'Welcome versions', graph: welcome('Welcome v1') }))
      .id as string;
    await api('POST', `/api/journeys/${id}/publish`);
    await api('POST', '/api/events', {
      id: 'follow-waiter',
      type: 'follow',
      contact: { externalId: 'waiter' },
      properties: { channelAccountId: wechat },
    });
    await drainOnce(h.deps);
    await expect.poll(async () => (await api('GET', `/api/journeys/${id}/stats`)).nodes.wait?.waiting ?? 0).toBe(1);
    await api('PUT', `/api/journeys/${id}/graph`, { graph: welcome('Welcome v2') });
    await api('POST', `/api/journeys/${id}/publish`);

    await page.goto(`${base}/#/journeys/${id}`);
    await page.getByRole('button', { name: /^Versions/ }).click();
    await page.getByRole('button', { name: 'Move waiting contacts to v2…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move waiting contacts' });
    await expect
      .poll(() => dialog.getByTestId('migrate-steps').innerText())
      .toContain('1 at “wait” (Wait): move to the same step of v2');
    await dialog.getByRole('button', { name: 'Move 1' }).click();
    await expect.poll(() => page.getByTestId('migrate-done').innerText()).toBe('Moved 1 waiting contact to version 2.');
    expect((await api('GET', `/api/journeys/${id}/stats`)).nodes.wait).toMatchObject({ waiting: 1, entered: 1 });
    await env.sleep('25 hours');
    await expect
      .poll(() => sandbox.store.query({ method: 'agent', recipient: 'wm-waiter' }).map((m) => m.content))
      .toEqual(['Welcome v2']);
  });
});
