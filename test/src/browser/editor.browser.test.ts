import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { drainOnce } from '@herald/api';
import type { Sandbox } from '@herald/sandbox';
import { apiJson, type ApiHarness } from '../api/api-harness';
import {
  draftSaved,
  savedRevision,
  screenshotPath,
  startBrowserStack,
  viewportMoves,
  viewportSettled,
  type BrowserStack,
} from './browser';

let page: Page;
let stack: BrowserStack;
let env: TestWorkflowEnvironment;
let h: ApiHarness;
let base: string;
let sandbox: Sandbox;
let wechat: string;
let wecom: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  stack = await startBrowserStack('browser', { sandbox: { confirmDelayMs: 0 } });
  ({ env, sandbox, h, base, page } = stack);
  wechat = await stack.account({ kind: 'wechat_service', name: 'Acme Coffee OA', settings: { appId: 'wx-browser' } });
  // The WeCom app tells Herald when an employee has sent a message on.
  wecom = await stack.wecomApp({ name: 'Acme Coffee WeCom', corpId: 'corp-b', token: 'b-token' });
  // Agent messages go through the employee who owns each contact (the sandbox's employees send at once).
  await api('POST', '/api/employees', { wecomUserId: 'b-owner', name: 'B Owner' });
}, 120_000);

afterAll(async () => stack?.close());

const welcomeGraph = (method: 'wecom_agent' | 'wecom_group_msg') => ({
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
        method,
        type: 'contacts',
        ...(method === 'wecom_group_msg' ? { groupName: 'Welcome' } : {}),
        messages: [{ type: 'text', text: 'Welcome to Acme Coffee, {{contact.name}}! ☕' }],
      },
    },
  ],
  edges: [
    { id: 'e1', source: 'follow', target: 'wait' },
    { id: 'e2', source: 'wait', target: 'welcome' },
  ],
  settings: { reentry: { mode: 'never' } },
});

describe('the journey canvas in a real browser', () => {
  it('draws follow → wait 1 day → agent message with the palette and connects it by dragging handles', async () => {
    const journey = await api('POST', '/api/journeys', { name: 'Drawn by hand' });
    await page.goto(`${base}/#/journeys/${journey.id}`);
    await expect.poll(() => page.getByTestId('issues-panel').innerText()).toContain('needs a trigger');
    await page.getByTestId('palette-follow').click();
    await page.getByTestId('palette-wait').click();
    await page.getByTestId('palette-send').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    // Handles are dragged where they are on screen: wait for Fit's animation to end first.
    const moves = await viewportMoves(page);
    const revision = await savedRevision(page);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await viewportSettled(page, moves);
    const nodes = page.locator('.react-flow__node');
    const connect = async (from: number, to: number) => {
      const source = await nodes.nth(from).locator('.react-flow__handle.source').first().boundingBox();
      const target = await nodes.nth(to).locator('.react-flow__handle.target').first().boundingBox();
      await page.mouse.move(source!.x + source!.width / 2, source!.y + source!.height / 2);
      await page.mouse.down();
      await page.mouse.move(target!.x + target!.width / 2, target!.y + target!.height / 2, { steps: 8 });
      await page.mouse.up();
    };
    await connect(0, 1);
    await connect(1, 2);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    // A forbidden connection (into the trigger, which has no input handle) is refused while dragging.
    const from = await nodes.nth(2).locator('.react-flow__handle.source').first().boundingBox();
    const trigger = await nodes.nth(0).boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(trigger!.x + trigger!.width / 2, trigger!.y + trigger!.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    // The drawn journey is saved as a draft and has exactly the missing settings as problems.
    await draftSaved(page, revision);
    expect((await api('GET', `/api/journeys/${journey.id}`)).graph.edges).toHaveLength(2);
    const issues = await page.getByTestId('issues-panel').innerText();
    expect(issues).toContain('Choose the official account');
    await expect.poll(() => page.getByTestId('publish').isDisabled()).toBe(true);
  });

  it('shows the rule when a real-time journey holds a WeCom enterprise broadcast; Publish stays disabled', async () => {
    const journey = await api('POST', '/api/journeys', {
      name: 'Group message by mistake',
      graph: welcomeGraph('wecom_group_msg'),
    });
    await page.goto(`${base}/#/journeys/${journey.id}`);
    const panel = page.getByTestId('issues-panel');
    await expect.poll(() => panel.innerText()).toContain('Use a WeCom agent message instead');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await panel.locator('.issue').first().click();
    await expect.poll(() => page.locator('.react-flow__node.selected').getAttribute('data-id')).toBe('welcome');
  });

  it('gives a customer-service message a template fallback and an event trigger a property filter', async () => {
    const graph = {
      nodes: [
        { id: 'trigger', kind: 'event', position: { x: 0, y: 0 }, data: { eventName: 'purchase', filters: [] } },
        { id: 'wait', kind: 'wait', position: { x: 0, y: 160 }, data: { duration: { amount: 1, unit: 'days' } } },
        {
          id: 'care',
          kind: 'send',
          position: { x: 0, y: 320 },
          data: {
            channelAccountId: wechat,
            channel: 'wechat_service',
            method: 'wechat_customer_service',
            type: 'contacts',
            messages: [{ type: 'text', text: 'How was it?' }],
          },
        },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'wait' },
        { id: 'e2', source: 'wait', target: 'care' },
      ],
      settings: { reentry: { mode: 'always' } },
    };
    const journey = await api('POST', '/api/journeys', { name: 'Aftercare', graph });
    await page.goto(`${base}/#/journeys/${journey.id}`);
    const panel = page.getByTestId('issues-panel');
    await expect.poll(() => panel.innerText()).toContain('customer-service message only reaches fans');
    const revision = await savedRevision(page);
    await page.getByTestId('node-care').click();
    await page.getByLabel('Fallback', { exact: true }).check();
    await page.getByLabel('Fallback method').selectOption('wechat_template');
    await expect
      .poll(() => page.getByLabel('Fallback message template').locator('option').allInnerTexts())
      .toContain('Order shipped');
    await page.getByLabel('Fallback message template').selectOption({ label: 'Order shipped' });
    await page.getByLabel('Fallback message template field keyword1').fill('A-1024');
    await page.getByTestId('node-trigger').click();
    await page.getByRole('button', { name: '+ Filter' }).click();
    await page.getByLabel('Filter 1 property').fill('amount');
    await page.getByLabel('Filter 1 operator').selectOption('gt');
    await page.getByLabel('Filter 1 value').fill('100');
    await expect.poll(() => panel.innerText()).not.toContain('customer-service message only reaches fans');
    await draftSaved(page, revision);
    expect(
      (await api('GET', `/api/journeys/${journey.id}`)).graph.nodes.find((n: { id: string }) => n.id === 'care').data
        .fallback,
    ).toEqual({
      method: 'wechat_template',
      messages: [
        {
          type: 'template',
          templateId: 'tpl-order-shipped',
          fields: ['first', 'keyword1', 'keyword2', 'remark'],
          data: { first: '', keyword1: 'A-1024', keyword2: '', remark: '' },
        },
      ],
    });
    expect(
      (await api('GET', `/api/journeys/${journey.id}`)).graph.nodes.find((n: { id: string }) => n.id === 'trigger').data
        .filters,
    ).toEqual([{ property: 'amount', op: 'gt', value: 100 }]);
  });

  it('publishes follow → wait 1 day → agent message, and the counts move as a follower goes through', async () => {
    await api('POST', '/api/contacts/import', {
      contacts: [
        {
          externalId: 'fan-browser',
          name: 'Lin',
          owners: ['b-owner'],
          identities: [
            { kind: 'wechat_openid', value: 'o-lin', channelAccountId: wechat },
            { kind: 'wecom_external_userid', value: 'wm-lin' },
          ],
        },
      ],
    });
    const journey = await api('POST', '/api/journeys', {
      name: 'Welcome new followers',
      graph: welcomeGraph('wecom_agent'),
    });
    await page.goto(`${base}/#/journeys/${journey.id}`);
    await page.getByTestId('node-welcome').click();
    await expect
      .poll(() => page.getByTestId('message-preview').innerText())
      .toContain('Welcome to Acme Coffee, Li Lei! ☕');
    await page.getByTestId('publish').click();
    await expect.poll(() => page.getByTestId('banner').innerText()).toContain('Published version 1');

    await api('POST', '/api/events', {
      id: 'follow-lin-1',
      type: 'follow',
      contact: { identity: { kind: 'wechat_openid', value: 'o-lin', channelAccountId: wechat } },
      properties: { channelAccountId: wechat },
    });
    await drainOnce(h.deps);
    await expect.poll(() => page.getByTestId('counts-wait').innerText()).toContain('1 waiting');
    await page.screenshot({ path: screenshotPath('canvas.png') });
    // A day's wait ends on its grid: at most a thousandth of the day (86.4 s) past it (waitEnd).
    await env.sleep('1 day');
    await env.sleep('90 seconds');
    await expect.poll(() => sandbox.store.query({ method: 'agent', recipient: 'wm-lin' }).length).toBe(1);
    await expect.poll(() => page.getByTestId('counts-welcome').innerText()).toContain('1 sent');
    expect(sandbox.store.query({ method: 'agent', recipient: 'wm-lin' })[0]!.content).toBe(
      'Welcome to Acme Coffee, Lin! ☕',
    );
  });
});

describe('the broadcast pages in a real browser', () => {
  it('a timed broadcast to a tag completes, its detail shows the stats, and the CSV downloads', async () => {
    await api('POST', '/api/contacts/import', {
      contacts: Array.from({ length: 40 }, (_, i) => ({
        externalId: `club-${i}`,
        name: `Member ${i}`,
        owners: ['b-owner'],
        identities: [{ kind: 'wecom_external_userid', value: `wm-club-${i}` }],
        tags: ['Coffee club'],
      })),
    });
    const tag = (await api('GET', '/api/tags')).items.find((t: { name: string }) => t.name === 'Coffee club');
    const created = await api('POST', '/api/broadcasts', {
      name: 'Coffee club tasting',
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Tasting night on Friday' }],
      audience: { kind: 'tags', mode: 'any', tagIds: [tag.id], excludeTagIds: [] },
      sendType: 'timed',
      sendAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    });
    await page.goto(`${base}/#/broadcasts`);
    await expect.poll(() => page.getByTestId('broadcast-list').innerText()).toContain('Coffee club tasting');
    expect(created.status).toBe('pending');
    const detail = await api('GET', `/api/broadcasts/${created.id}`);
    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    await page.getByRole('link', { name: 'Coffee club tasting' }).click();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Completed');
    await expect.poll(() => page.getByTestId('stat-sent').innerText()).toContain('40');
    await page.screenshot({ path: screenshotPath('broadcast-detail.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await (
      await download.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(41);
    expect(lines.slice(1).every((l) => /,(sent|delivered),/.test(l))).toBe(true);
    expect(
      sandbox.store.query({ method: 'agent' }).filter((m) => m.content === 'Tasting night on Friday'),
    ).toHaveLength(40);
  });

  it('creates a broadcast from the new-broadcast page with a live reachable count, and it completes', async () => {
    await api('POST', '/api/contacts/import', {
      contacts: Array.from({ length: 12 }, (_, i) => ({
        externalId: `ui-${i}`,
        name: `UI ${i}`,
        owners: ['b-owner'],
        identities: i < 10 ? [{ kind: 'wecom_external_userid', value: `wm-ui-${i}` }] : [],
        tags: ['Launch list'],
      })),
    });
    await page.goto(`${base}/#/broadcasts`);
    await page.getByRole('link', { name: 'New broadcast' }).click();
    const accountSelect = page.getByLabel('Channel account');
    await expect.poll(() => accountSelect.locator('option').allInnerTexts()).toContain('Acme Coffee WeCom (WeCom)');
    await accountSelect.selectOption({ label: 'Acme Coffee WeCom (WeCom)' });
    const methodSelect = page.getByLabel('Method');
    await expect
      .poll(() =>
        methodSelect.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
      )
      .toContain('wecom_agent');
    await methodSelect.selectOption('wecom_agent');
    await page.getByLabel('Name', { exact: true }).fill('Launch day');
    await page.getByRole('group', { name: 'Tags', exact: true }).getByRole('button', { name: 'Launch list' }).click();
    await expect
      .poll(() => page.getByTestId('audience-count').innerText())
      .toBe('10 of 12 contacts reachable on this channel');
    await page.getByLabel('Message 1').fill('We launch today');
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await expect.poll(() => page.getByTestId('broadcast-name').innerText()).toBe('Launch day');
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Completed');
    await expect.poll(() => page.getByTestId('stat-sent').innerText()).toContain('10');
    expect(sandbox.store.query({ method: 'agent' }).filter((m) => m.content === 'We launch today')).toHaveLength(10);
  });

  it("composes a broadcast with pickers: picked contacts, an uploaded image, a WeChat template's fields", async () => {
    await api('POST', '/api/contacts/import', {
      contacts: [
        {
          externalId: 'pick-1',
          name: 'Pick One',
          owners: ['b-owner'],
          identities: [
            { kind: 'wecom_external_userid', value: 'wm-pick-1' },
            { kind: 'wechat_openid', value: 'o-pick-1', channelAccountId: wechat },
          ],
        },
        {
          externalId: 'pick-2',
          name: 'Pick Two',
          identities: [{ kind: 'wecom_external_userid', value: 'wm-pick-2' }],
          owners: ['b-owner'],
        },
        {
          externalId: 'pick-3',
          name: 'Pick Three',
          owners: ['b-owner'],
          identities: [{ kind: 'wecom_external_userid', value: 'wm-pick-3' }],
        },
      ],
    });
    const start = async (account: string, method: string, name: string) => {
      await page.goto(`${base}/#/broadcasts/new`);
      const accountSelect = page.getByLabel('Channel account');
      await expect.poll(() => accountSelect.locator('option').allInnerTexts()).toContain(account);
      await accountSelect.selectOption({ label: account });
      await expect
        .poll(() =>
          page
            .getByLabel('Method')
            .locator('option')
            .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
        )
        .toContain(method);
      await page.getByLabel('Method').selectOption(method);
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Audience').selectOption('contacts');
      await page.getByLabel('Find contacts').fill('Pick');
    };

    await start('Acme Coffee WeCom (WeCom)', 'wecom_agent', 'Picked');
    await page.getByRole('checkbox', { name: /Pick One/ }).check();
    await page.getByRole('checkbox', { name: /Pick Three/ }).check();
    await expect.poll(() => page.getByTestId('picked').innerText()).toBe('2 picked: Pick One, Pick Three');
    await expect
      .poll(() => page.getByTestId('audience-count').innerText())
      .toBe('2 of 2 contacts reachable on this channel');
    await page.getByLabel('Message 1').fill('Picked for you');
    await page.getByRole('button', { name: '+ Image' }).click();
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 1)]);
    await page.getByLabel('Upload an image').setInputFiles({ name: 'menu.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByTestId('attachment-1').innerText()).toContain('menu.png');
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Completed');
    for (const fan of ['wm-pick-1', 'wm-pick-3']) {
      await expect
        .poll(() =>
          sandbox.store
            .query({ method: 'agent', recipient: fan })
            .map((m) => m.content)
            .join(' | '),
        )
        .toMatch(/^Picked for you \| \[image\] wcmedia/);
    }
    expect(sandbox.store.query({ method: 'agent', recipient: 'wm-pick-2' })).toHaveLength(0);

    await start('Acme Coffee OA (WeChat service account)', 'wechat_template', 'Reminder');
    await page.getByRole('checkbox', { name: /Pick One/ }).check();
    await expect
      .poll(() => page.getByLabel('Template').locator('option').allInnerTexts())
      .toContain('Appointment reminder');
    await page.getByLabel('Template').selectOption({ label: 'Appointment reminder' });
    await page.getByLabel('Template field first').fill('Your table is ready, {{contact.name}}');
    await page.getByLabel('Template field time').fill('Friday 8pm');
    await page.getByLabel('Template field place').fill('Acme Coffee, Nanjing Road');
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Completed');
    await expect
      .poll(() => sandbox.store.query({ method: 'template', recipient: 'o-pick-1' }).map((m) => m.content))
      .toEqual([
        '[template tpl-appointment] first=Your table is ready, Pick One time=Friday 8pm ' +
          'place=Acme Coffee, Nanjing Road',
      ]);
  });

  it('imports contacts from a CSV and tags the selected ones', async () => {
    await page.goto(`${base}/#/contacts`);
    await page.getByLabel('Import CSV').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'external_id,name,email\ncsv-ui-1,Zhou Xun,zhou@example.com\ncsv-ui-2,Gao Yuan,gao@example.com\n',
      ),
    });
    await expect
      .poll(() => page.getByTestId('contacts-banner').innerText())
      .toBe('Imported contacts.csv: 2 new, 0 updated.');
    await page.getByLabel('Search contacts').fill('Zhou');
    await expect.poll(() => page.getByTestId('contacts-table').locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Select Zhou Xun').check();
    await page.getByLabel('Tag name').fill('Trade fair');
    await page.getByRole('button', { name: 'Tag 1 selected' }).click();
    await expect
      .poll(() => page.getByTestId('contacts-banner').innerText())
      .toBe('Tagged 1 contact with “Trade fair”.');
    const tag = (await api('GET', '/api/tags')).items.find((t: { name: string }) => t.name === 'Trade fair');
    const tagged = await api('GET', `/api/contacts?tagId=${tag.id}`);
    expect(tagged.items.map((c: { name: string }) => c.name)).toEqual(['Zhou Xun']);
  });
});
