// The rails a marketer meets in the browser: a step offers only what its account and journey allow, text is
// counted against the channel's real limit and never cut, waits and send times stay within bounds, errors say what
// is wrong about the field and go when it is fixed, a send to many and an archive ask first, journeys are renamed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { devServer, uniqueTaskQueue } from '../temporal/env';
import { apiJson, createApiHarness, type ApiHarness } from '../api/api-harness';
import { launchChromium, openSignedIn } from './browser';

let browser: Browser;
let page: Page;
let h: ApiHarness;
let app: FastifyInstance;
let base: string;
let sandbox: Sandbox;
let temporal: Awaited<ReturnType<typeof devServer>>;
let oa: string;
let wecom: string;
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  [sandbox, browser, temporal] = await Promise.all([
    startSandbox({ confirmDelayMs: -1, smtpPort: -1 }),
    launchChromium(),
    devServer(),
  ]);
  h = await createApiHarness({ client: temporal.client, taskQueue: uniqueTaskQueue('rails') });
  const account = async (kind: string, name: string, settings: Record<string, unknown>) =>
    (
      await api('POST', '/api/channel-accounts', {
        kind,
        name,
        baseUrl: sandbox.url,
        settings,
        credentials: { secret: 's' },
      })
    ).id as string;
  oa = await account('wechat_service', 'Rails OA', { appId: 'wx-rails' });
  wecom = await account('wecom', 'Rails WeCom', { corpId: 'corp-rails', agentId: 1000002 });
  // Owned by an employee: WeCom agent messages go through the contact's owner.
  await h.app.inject({
    method: 'POST',
    url: '/api/employees',
    headers: { authorization: `Bearer ${h.key}` },
    payload: { wecomUserId: 'rail-owner', name: 'Rail Owner' },
  });
  const rows = Array.from({ length: 120 }, (_, i) => `rail-${i},Rail ${i},wm-rail-${i},rail-owner`);
  await h.app.inject({
    method: 'POST',
    url: '/api/contacts/import',
    headers: { authorization: `Bearer ${h.key}`, 'content-type': 'text/csv' },
    payload: `external_id,name,wecom_external_userid,owner\n${rows.join('\n')}\n`,
  });
  ({ app, base, page } = await openSignedIn(browser, h, { width: 1440, height: 900 }));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
  await sandbox?.close();
  await temporal?.close();
});

const graph = {
  nodes: [
    { id: 'trigger', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: '' } },
    { id: 'wait', kind: 'wait', position: { x: 0, y: 160 }, data: { duration: { amount: 1, unit: 'days' } } },
    {
      id: 'send',
      kind: 'send',
      position: { x: 0, y: 320 },
      data: { channelAccountId: '', channel: 'wecom', method: 'wecom_agent', messages: [{ type: 'text', text: 'Hi' }] },
    },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'wait' },
    { id: 'e2', source: 'wait', target: 'send' },
  ],
};

describe('rails on the canvas', () => {
  it('offers only what the account and a real-time journey allow, and bounds waits and text', async () => {
    const journey = await api('POST', '/api/journeys', { name: 'Rails journey', graph });
    await page.goto(`${base}/#/journeys/${journey.id}`);
    await page.getByTestId('node-trigger').click();
    const official = page.getByLabel('Official account');
    expect(await official.locator('option').allInnerTexts()).toEqual(['Choose…', 'Rails OA']);
    await official.selectOption(oa);
    await page.getByTestId('node-send').click();
    await page.getByLabel('Channel account').selectOption(wecom);
    const methods = await page.getByLabel('Method').locator('option').allInnerTexts();
    expect(methods).toEqual(['WeCom agent message (notifications app)']);
    // 683 Chinese characters are 2,049 bytes: over WeCom's 2,048, counted, marked, kept whole.
    const text = '好'.repeat(683);
    await page.getByLabel('Message 1').fill(text);
    await expect.poll(() => page.getByTestId('text-counter').innerText()).toBe('2,049 / 2,048 bytes');
    expect(await page.getByTestId('inspector').innerText()).toContain('remove 1 bytes');
    expect((await page.getByLabel('Message 1').inputValue()).length).toBe(683);
    await expect.poll(() => page.getByTestId('issues-panel').innerText()).toContain('2,049 bytes long');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await page.getByLabel('Message 1').fill('好'.repeat(682));
    await expect.poll(() => page.getByTestId('issues-panel').innerText()).not.toContain('bytes long');

    await page.getByTestId('node-wait').click();
    await page.getByLabel('Wait', { exact: true }).fill('99999');
    await expect.poll(() => page.getByTestId('inspector').innerText()).toContain('A wait can last at most 365 days');
    await page.getByLabel('Wait', { exact: true }).fill('2');
    await expect.poll(() => page.getByTestId('inspector').innerText()).not.toContain('at most 365 days');
    await page.getByLabel('Wait unit').selectOption('minutes');
    await expect.poll(() => page.getByTestId('node-wait').innerText()).toContain('2 minutes');
    await page.getByLabel('Wait', { exact: true }).fill('1');
    await expect.poll(() => page.getByTestId('node-wait').innerText()).toContain('1 minute');
    expect(await page.getByTestId('node-wait').innerText()).not.toContain('1 minutes');
    await expect.poll(() => page.getByTestId('publish').isEnabled()).toBe(true);
  });

  it('renames and archives a journey from the list, asking first', async () => {
    await api('POST', '/api/journeys', { name: 'To be renamed' });
    await page.goto(`${base}/#/journeys`);
    const row = page.getByTestId('journeys-table').locator('tr', { hasText: 'To be renamed' });
    await row.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Journey name').fill('Spring welcome');
    await page.getByLabel('Journey name').press('Enter');
    await expect.poll(() => page.getByTestId('journeys-table').innerText()).toContain('Spring welcome');
    const renamed = page.getByTestId('journeys-table').locator('tr', { hasText: 'Spring welcome' });
    await renamed.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => page.getByTestId('journeys-table').innerText()).not.toContain('Spring welcome');
  });
});

describe('rails on a new broadcast', () => {
  it('keeps the send time within a year, clears the reason when fixed, asks before sending to 120 now', async () => {
    await page.goto(`${base}/#/broadcasts/new`);
    await page.getByLabel('Channel account').selectOption(wecom);
    await page.getByLabel('Method').selectOption('wecom_agent');
    const problems = page.getByTestId('create-problems');
    await expect.poll(() => problems.innerText()).toContain('Give the broadcast a name.');
    await page.getByLabel('Name', { exact: true }).fill('Everyone now');
    await page.getByLabel('Audience').selectOption('all');
    await page.getByLabel('Message 1').fill('Big news');
    await page.getByText('At a time').click();
    await page.getByLabel('Send at').fill('2099-01-01T10:00');
    await expect.poll(() => problems.innerText()).toContain('A timed send can be at most a year ahead');
    expect(await page.getByRole('button', { name: 'Create broadcast' }).isDisabled()).toBe(true);
    await page.getByText('Immediately').click();
    await expect.poll(() => problems.count()).toBe(0);
    await expect.poll(() => page.getByTestId('audience-count').innerText()).toMatch(/^120 of 120 contacts/);
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('Send now to 120 contacts?');
    await dialog.getByRole('button', { name: 'Go back' }).click();
    expect((await api('GET', '/api/broadcasts')).total).toBe(0);
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send to 120' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/broadcasts\/[0-9a-f-]{36}$/);
    expect((await api('GET', '/api/broadcasts')).total).toBe(1);
  });
});
