// The setup pages (channel accounts, employees, group chats) and the lists (server-side sort and pages, search,
// add, merge), in a real browser against the API, the channel sandbox and the run's Temporal dev server.
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
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  [sandbox, browser, temporal] = await Promise.all([
    startSandbox({ confirmDelayMs: -1, smtpPort: -1 }),
    launchChromium(),
    devServer(),
  ]);
  // No worker polls this queue: broadcasts stay pending, which is all the list needs.
  h = await createApiHarness(
    { client: temporal.client, taskQueue: uniqueTaskQueue('setup-pages') },
    { sandboxUrl: sandbox.url },
  );
  ({ app, base, page } = await openSignedIn(browser, h, { width: 1440, height: 900 }));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
  await sandbox?.close();
  await temporal?.close();
});

describe('the channels page', () => {
  it('connects a WeCom account with plain help, says what WeCom answered a wrong secret, edits, disables', async () => {
    await page.goto(`${base}/#/channels`);
    await page.getByLabel('Connect an account').selectOption('wecom');
    const form = page.getByRole('form', { name: /account$/ });
    expect(await form.innerText()).toContain('My Company → Company Information → Corp ID');
    await form.getByLabel('Name', { exact: true }).fill('Shop WeCom');
    await form.getByRole('button', { name: /^Use the channel sandbox/ }).click();
    expect(await form.getByLabel('API address').inputValue()).toBe(sandbox.url);
    await form.getByLabel('Corp ID', { exact: true }).fill('corp-shop');
    await form.getByLabel('AgentId', { exact: true }).fill('seven');
    await form.getByRole('button', { name: 'Connect account' }).click();
    await expect.poll(() => form.innerText()).toContain('The AgentId is a number.');
    expect(await form.innerText()).toContain('Enter the Secret.');
    await form.getByLabel('AgentId', { exact: true }).fill('1000002');
    await expect.poll(() => form.innerText()).not.toContain('The AgentId is a number.');
    await form.getByLabel('Secret', { exact: true }).fill('wrong');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => form.getByRole('status').innerText())
      .toContain('WeCom refused these credentials (errcode 40001): the secret is not right');
    await form.getByLabel('Secret', { exact: true }).fill('right');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toContain('WeCom accepted these credentials');
    await form.getByRole('button', { name: 'Connect account' }).click();
    await expect.poll(() => page.getByTestId('channels-banner').innerText()).toBe('Shop WeCom is connected.');

    const row = page.getByTestId('account-Shop WeCom');
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: /account$/ });
    expect(await edit.getByLabel('Secret', { exact: true }).getAttribute('placeholder')).toBe(
      'Stored: leave blank to keep it',
    );
    await edit.getByLabel('Name', { exact: true }).fill('Shop WeCom (Shanghai)');
    await edit.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => edit.getByRole('status').innerText()).toContain('WeCom accepted');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByTestId('channels-banner').innerText()).toBe('Shop WeCom (Shanghai) is saved.');
    await page.getByTestId('account-Shop WeCom (Shanghai)').getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => page.getByTestId('account-Shop WeCom (Shanghai)').innerText()).toContain('Disabled');
    await page.getByTestId('account-Shop WeCom (Shanghai)').getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => page.getByTestId('account-Shop WeCom (Shanghai)').innerText()).toContain('Active');
  });
});

describe('employees and group chats', () => {
  it('syncs both from WeCom and imports employees from a CSV', async () => {
    await page.goto(`${base}/#/employees`);
    await page.getByRole('button', { name: 'Sync employees from WeCom' }).click();
    await expect
      .poll(() => page.getByTestId('employees-banner').innerText())
      .toBe('Employees synced: 3 new, 0 updated.');
    await expect.poll(() => page.getByTestId('employees-table').innerText()).toContain('Zhang San');
    await page.getByLabel('Import employees CSV').setInputFiles({
      name: 'staff.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('wecom_user_id,name\nzhaoliu,"Zhao, Liu"\n'),
    });
    await expect.poll(() => page.getByTestId('employees-table').innerText()).toContain('Zhao, Liu');
    await page.getByRole('button', { name: 'Sync group chats from WeCom' }).click();
    await expect.poll(() => page.getByTestId('group-chats-table').innerText()).toContain('VIP customers');
    expect(await page.getByTestId('group-chats-table').innerText()).toContain('Zhang San');
  });
});

describe('the lists', () => {
  it('pages the broadcast list past 50 and sorts it by a header, both ways', async () => {
    const account = (await api('GET', '/api/channel-accounts')).items[0].id as string;
    await api('POST', '/api/contacts', { externalId: 'list-1', name: 'Listed' });
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    for (let i = 0; i < 55; i++)
      await api('POST', '/api/broadcasts', {
        name: `Offer ${String(i).padStart(2, '0')}`,
        channelAccountId: account,
        method: 'wecom_agent',
        messages: [{ type: 'text', text: i === 7 ? 'Mid-autumn mooncakes' : 'Coffee' }],
        audience: { kind: 'all' },
        sendType: 'timed',
        sendAt,
      });
    await page.goto(`${base}/#/broadcasts`);
    const list = page.getByTestId('broadcast-list');
    await expect.poll(() => page.getByTestId('pager-range').innerText()).toBe('1–50 of 55');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByTestId('pager-range').innerText()).toBe('51–55 of 55');
    expect(await list.locator('tbody tr').count()).toBe(5);
    await list.getByRole('button', { name: 'Name' }).click();
    await expect.poll(() => list.locator('th[aria-sort="ascending"]').innerText()).toContain('Name');
    await expect.poll(() => list.locator('tbody tr').first().innerText()).toContain('Offer 00');
    await list.getByRole('button', { name: 'Name' }).click();
    await expect.poll(() => list.locator('tbody tr').first().innerText()).toContain('Offer 54');
    expect(await list.innerText()).toContain('WeCom agent message (notifications app)');
    expect(await list.innerText()).toContain('Scheduled');
    await page.getByLabel('Search broadcasts').fill('mooncake');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await list.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Go back' }).click();
    expect((await api('GET', '/api/broadcasts?search=mooncake')).items[0].status).toBe('pending');
  });

  it('adds a contact (saying what is missing), shows tags, finds by phone prefix, and merges two', async () => {
    await page.goto(`${base}/#/contacts`);
    await page.getByRole('button', { name: 'Add contact' }).click();
    const add = page.getByRole('form', { name: 'Add a contact' });
    await add.getByRole('textbox', { name: 'Name' }).fill('Mei Chen');
    await add.getByRole('button', { name: 'Add contact' }).click();
    await expect.poll(() => add.innerText()).toContain('The external id cannot be empty.');
    await add.getByRole('textbox', { name: 'External id' }).fill('crm-mei');
    await expect.poll(() => add.innerText()).not.toContain('cannot be empty');
    await add.getByRole('textbox', { name: 'Phone' }).fill('+8613912345678');
    await add.getByRole('textbox', { name: 'Tags' }).fill('VIP, Shanghai');
    await add.getByRole('button', { name: 'Add contact' }).click();
    await expect.poll(() => page.getByTestId('contacts-banner').innerText()).toBe('Added Mei Chen.');
    await api('POST', '/api/contacts', {
      externalId: 'shop-mei',
      identities: [{ kind: 'wechat_openid', value: 'o-mei' }],
    });
    await page.getByLabel('Search contacts').fill('+86139123');
    const table = page.getByTestId('contacts-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => table.innerText()).toMatch(/Shanghai\s*VIP/);
    await page.getByLabel('Search contacts').fill('');
    await expect.poll(() => table.innerText()).toContain('shop-mei');
    await page.getByLabel('Select Mei Chen').check();
    await page.getByLabel('Select shop-mei').check();
    await page.getByRole('button', { name: 'Merge 2 selected' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => page.getByTestId('contacts-banner').innerText()).toBe('Merged shop-mei into Mei Chen.');
    await expect.poll(() => table.innerText()).not.toContain('shop-mei');
    await page.getByLabel('Search contacts').fill('o-mei');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.innerText()).toContain('Mei Chen');
  });
});
