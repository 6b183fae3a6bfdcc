// The canvas's editing tools in a real browser: copy/paste, delete, undo, auto-layout, versions, pause/resume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { JourneyGraph } from '@herald/engine';
import { addAccount, apiJson, createApiHarness, type ApiHarness } from '../api/api-harness';
import { draftSaved, launchChromium, openSignedIn, savedRevision } from './browser';

let browser: Browser;
let page: Page;
let h: ApiHarness;
let app: FastifyInstance;
let base: string;
let wechat: string;
let wecom: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  [h, browser] = await Promise.all([createApiHarness(null), launchChromium()]);
  wechat = await addAccount(h, { kind: 'wechat_service', name: 'Tools OA', settings: { appId: 'wx-tools' } });
  wecom = await addAccount(h, { kind: 'wecom', name: 'Tools WeCom', settings: { corpId: 'corp-tools', agentId: 1 } });
  ({ app, base, page } = await openSignedIn(browser, h));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

/** follow → wait → agent message, every node at `at` (or stacked 160 px apart). */
const journeyGraph = (at?: { x: number; y: number }): JourneyGraph =>
  ({
    nodes: [
      { id: 'follow', kind: 'follow', position: at ?? { x: 0, y: 0 }, data: { channelAccountId: wechat } },
      { id: 'wait', kind: 'wait', position: at ?? { x: 0, y: 160 }, data: { duration: { amount: 1, unit: 'days' } } },
      {
        id: 'welcome',
        kind: 'send',
        position: at ?? { x: 0, y: 320 },
        data: {
          channelAccountId: wecom,
          channel: 'wecom',
          method: 'wecom_agent',
          type: 'contacts',
          messages: [{ type: 'text', text: 'Welcome!' }],
        },
      },
    ],
    edges: [
      { id: 'e1', source: 'follow', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'welcome' },
    ],
    settings: { reentry: { mode: 'never' } },
  }) as JourneyGraph;

const open = async (name: string, graph: JourneyGraph) => {
  const journey = await api('POST', '/api/journeys', { name, graph });
  await page.goto(`${base}/#/journeys/${journey.id}`);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(graph.nodes.length);
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  return journey.id as string;
};
const saved = async (id: string): Promise<JourneyGraph> => (await api('GET', `/api/journeys/${id}`)).graph;
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

describe('the canvas tools', () => {
  it('Ctrl+C / Ctrl+V duplicates nodes and their edge with new ids; Ctrl+Z undoes; Delete removes a node', async () => {
    const id = await open('Copy and paste', journeyGraph());
    let revision = await savedRevision(page);
    await page.getByTestId('node-wait').click();
    await page.getByTestId('node-welcome').click({ modifiers: [mod] });
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press(`${mod}+c`);
    await page.keyboard.press(`${mod}+v`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await expect.poll(() => page.getByTestId('banner').innerText()).toBe('Pasted 2 steps.');
    // Saved as drawn: two new nodes of the same kinds, joined like the originals, nothing shared with them.
    await draftSaved(page, revision);
    const graph = await saved(id);
    expect(graph.nodes).toHaveLength(5);
    const copies = graph.nodes.filter((n) => !['follow', 'wait', 'welcome'].includes(n.id));
    expect(copies.map((n) => n.kind).sort()).toEqual(['send', 'wait']);
    const copyEdge = graph.edges.find((e) => !['e1', 'e2'].includes(e.id))!;
    expect(copyEdge.source).toBe(copies.find((n) => n.kind === 'wait')!.id);
    expect(copyEdge.target).toBe(copies.find((n) => n.kind === 'send')!.id);
    // The copies are selected; a second paste adds two more.
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press(`${mod}+v`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    revision = await savedRevision(page);
    await page.getByTestId('node-follow').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    await draftSaved(page, revision);
    expect((await saved(id)).nodes.map((n) => n.id)).not.toContain('follow');
    expect((await saved(id)).edges.filter((e) => e.source === 'follow')).toEqual([]);
  });

  it('auto-layout spreads nodes stacked on one spot so that none overlap, top to bottom along the edges', async () => {
    const id = await open('Stacked', journeyGraph({ x: 100, y: 100 }));
    const spots = async () => new Set((await saved(id)).nodes.map((n) => `${n.position.x},${n.position.y}`)).size;
    let revision = await savedRevision(page);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await draftSaved(page, revision);
    expect(await spots()).toBe(3);
    // Read in one frame: the fit animation after the layout scales every card alike, so overlaps and order hold
    // throughout.
    const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.getAttribute('data-id') ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    for (const a of boxes)
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    const y = (nodeId: string) => boxes.find((b) => b.id === nodeId)!.y;
    expect(y('follow')).toBeLessThan(y('wait'));
    expect(y('wait')).toBeLessThan(y('welcome'));
    // One undo puts them back on one spot.
    revision = await savedRevision(page);
    await page.getByRole('button', { name: 'Undo' }).click();
    await draftSaved(page, revision);
    expect(await spots()).toBe(1);
  });

  it('lists the published versions, marks the live one, and pauses and resumes a published journey', async () => {
    const id = await open('Versions', journeyGraph());
    await expect.poll(() => page.getByTestId('versions-none').innerText()).toBe('Not published yet');
    await page.getByTestId('publish').click();
    await expect.poll(() => page.getByTestId('banner').innerText()).toBe('Published version 1.');
    await page.getByTestId('node-wait').click();
    await page.getByLabel('Wait', { exact: true }).fill('2');
    await page.getByTestId('publish').click();
    await expect.poll(() => page.getByTestId('banner').innerText()).toBe('Published version 2.');
    await page.getByRole('button', { name: 'Versions (2)' }).click();
    const list = page.getByTestId('version-list');
    await expect.poll(() => list.locator('li').allInnerTexts()).toHaveLength(2);
    const items = await list.locator('li').allInnerTexts();
    expect(items[0]).toMatch(/^v2 · .*live$/);
    expect(items[1]).toMatch(/^v1 · /);
    expect(items[1]).not.toContain('live');

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('journey-status').innerText()).toBe('Paused');
    expect((await api('GET', `/api/journeys/${id}`)).status).toBe('paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('journey-status').innerText()).toBe('Live');
    expect((await api('GET', `/api/journeys/${id}`)).status).toBe('active');
  });

  it('works from the keyboard: a palette button adds a step, Tab reaches it, Delete, Ctrl+Z undoes', async () => {
    const id = await open('Keyboard only', journeyGraph());
    const revision = await savedRevision(page);
    await page.getByTestId('palette-tag').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    // Tab from the last toolbar button into the canvas: the cards are in the tab order.
    await page.getByTestId('publish').focus();
    let focused = '';
    for (let i = 0; i < 40 && !focused.startsWith('tag-'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(
        () => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? '',
      );
    }
    expect(focused).toMatch(/^tag-/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node.selected').getAttribute('data-id')).toBe(focused);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await draftSaved(page, revision);
    expect((await saved(id)).nodes).toHaveLength(4);
  });

  it('says in words why a journey cannot be opened', async () => {
    await page.goto(`${base}/#/journeys/00000000-0000-4000-8000-000000000000`);
    await expect
      .poll(() => page.getByTestId('banner').innerText())
      .toBe('It no longer exists, or it belongs to another workspace. The journey was not found.');
  });

  it("edits a split, a tag action and the settings; the saved draft holds exactly the engine's data", async () => {
    const vip = (await api('POST', '/api/tags', { name: 'Inspector VIP' })).id as string;
    const graph = {
      nodes: [
        { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
        {
          id: 'split',
          kind: 'split',
          position: { x: 0, y: 160 },
          data: { mode: 'yes_no', condition: { kind: 'has_tag', tagId: '' } },
        },
        { id: 'tag', kind: 'tag', position: { x: -200, y: 320 }, data: { action: 'add', tagIds: [] } },
        {
          id: 'welcome',
          kind: 'send',
          position: { x: 200, y: 320 },
          data: {
            channelAccountId: wecom,
            channel: 'wecom',
            method: 'wecom_agent',
            type: 'contacts',
            messages: [{ type: 'text', text: 'Welcome!' }],
          },
        },
      ],
      edges: [
        { id: 'e1', source: 'follow', target: 'split' },
        { id: 'e2', source: 'split', sourceHandle: 'yes', target: 'tag' },
        { id: 'e3', source: 'split', sourceHandle: 'no', target: 'welcome' },
      ],
      settings: { reentry: { mode: 'never' } },
    } as JourneyGraph;
    const id = await open('Inspector forms', graph);
    const revision = await savedRevision(page);
    const issues = () => page.getByTestId('issues-panel').innerText();
    await page.getByTestId('node-split').click();
    await page.getByLabel('Condition: tag').selectOption({ label: 'Inspector VIP' });
    await page.getByLabel('Condition: kind').selectOption('attribute');
    await page.getByLabel('Condition: attribute').fill('orders');
    await page.getByLabel('Condition: operator').selectOption('gt');
    await page.getByLabel('Condition: value').fill('3');
    await page.getByTestId('node-tag').click();
    await page.getByRole('group', { name: 'Tags to change' }).getByRole('button', { name: 'Inspector VIP' }).click();
    // Nothing selected: the journey's own settings.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByLabel('Re-entry').selectOption('after');
    await page.getByLabel('Re-entry days').fill('7');
    await page.getByLabel('Journey frequency cap').check();
    await page.getByLabel('Journey cap limit').fill('2');
    await page.getByLabel('Goal event').fill('purchase');
    await draftSaved(page, revision);
    expect((await saved(id)).settings).toEqual({
      reentry: { mode: 'after', days: 7 },
      frequencyCap: { limit: 2, period: 'week' },
      goalEvent: 'purchase',
    });
    const stored = await saved(id);
    expect(stored.nodes.find((n) => n.id === 'split')!.data).toEqual({
      mode: 'yes_no',
      condition: { kind: 'attribute', key: 'orders', op: 'gt', value: 3 },
    });
    expect(stored.nodes.find((n) => n.id === 'tag')!.data).toEqual({ action: 'add', tagIds: [vip] });
    expect(await issues()).not.toMatch(/split|tag/i);
    expect(
      (await api('POST', `/api/journeys/${id}/validate`, {})).issues.filter(
        (i: { severity: string }) => i.severity === 'error',
      ),
    ).toEqual([]);
  });
});
