// The enterprise broadcast as a marketer does it, in a real browser: employees added on their page,
// contacts imported from a CSV with an owner column, a WeCom group message to a tag created on the
// form, the employees confirming their tasks on the sandbox's page, then the detail page's employee
// card and table, the XLSX download and the emailed export. Before it, a timed broadcast copied,
// edited, paused and resumed from the list.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Sandbox } from '@herald/sandbox';
import { apiJson, type ApiHarness } from '../api/api-harness';
import { startBrowserStack, type BrowserStack, screenshotPath } from './browser';
import { sandboxMailer } from '../e2e/engine-stack';

let browser: Browser;
let page: Page;
let stack: BrowserStack;
let env: TestWorkflowEnvironment;
let h: ApiHarness;
let base: string;
let sandbox: Sandbox;
let wecom: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  // Employees act only when someone clicks on the sandbox's page.
  stack = await startBrowserStack('browser-enterprise', {
    sandbox: { confirmDelayMs: -1, smtpPort: 0 },
    app: sandboxMailer,
    viewport: { width: 1440, height: 900 },
  });
  ({ env, sandbox, browser, h, base, page } = stack);
  wecom = await stack.account({
    kind: 'wecom',
    name: 'Acme WeCom',
    settings: { corpId: 'corp-ent', agentId: 1000002 },
    credentials: { callbackToken: 'ent-token' },
  });
}, 120_000);

afterAll(async () => stack?.close());

const card = (name: string) => page.getByTestId(`stat-${name}`).locator('.card-value').innerText();

describe('a timed broadcast: copy, edit, pause and resume from the list', () => {
  it('a copy opens the form filled, sends nothing till created; edit changes it; resume keeps it pending', async () => {
    // Runs first: the time-skipping server's clock runs on once a test has waited for a run's end.
    await api('POST', '/api/employees', { wecomUserId: 'zhao', name: 'Zhao Min' });
    await api('POST', '/api/contacts/import', {
      contacts: [1, 2].map((i) => ({
        externalId: `autumn-${i}`,
        name: `Autumn ${i}`,
        identities: [{ kind: 'wecom_external_userid', value: `wm-autumn-${i}` }],
        tags: ['Autumn'],
        owners: ['zhao'],
      })),
    });
    const tag = ((await api('GET', '/api/tags')).items as Array<{ id: string; name: string }>).find(
      (t) => t.name === 'Autumn',
    )!;
    const original = await api('POST', '/api/broadcasts', {
      name: 'Autumn menu',
      channelAccountId: wecom,
      method: 'wecom_group_msg',
      groupName: 'Menu',
      messages: [{ type: 'text', text: 'Our autumn menu is here' }],
      audience: { kind: 'tags', mode: 'any', tagIds: [tag.id], excludeTagIds: [] },
      sendType: 'timed',
      sendAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    });
    const count = async () => (await api('GET', '/api/broadcasts?search=Autumn')).total as number;
    expect(await count()).toBe(1);

    // Copy: the form, filled; nothing new until "Create broadcast".
    await page.goto(`${base}/#/broadcasts`);
    const row = () => page.getByTestId('broadcast-list').getByRole('row').filter({ hasText: 'Autumn menu' });
    await row().first().getByRole('link', { name: 'Copy' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Copy of a broadcast' }).count()).toBe(1);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Autumn menu (copy)');
    expect(await page.getByLabel('Message 1').inputValue()).toBe('Our autumn menu is here');
    await expect.poll(() => page.getByLabel('Method').inputValue()).toBe('wecom_group_msg');
    await expect.poll(() => page.getByTestId('audience-count').innerText()).toMatch(/^2 of 2 contacts reachable/);
    expect(await count()).toBe(1);
    await page.getByLabel('Name', { exact: true }).fill('Autumn menu again');
    // A copy's time is set afresh.
    expect(await page.getByLabel('Send at').isVisible()).toBe(true);
    const later = new Date(Date.now() + 4 * 3600_000);
    await page
      .getByLabel('Send at')
      .fill(new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await page.waitForURL(/#\/broadcasts\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Pending');
    expect(await count()).toBe(2);

    // Edit the original from its detail page: the new text is what it will send.
    await page.goto(`${base}/#/broadcasts/${original.id}`);
    await expect.poll(() => page.getByTestId('broadcast-name').innerText()).toBe('Autumn menu');
    expect(await page.getByTestId('broadcast-status').innerText()).toBe('Pending');
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Edit broadcast' }).count()).toBe(1);
    expect(await page.getByLabel('Method').isDisabled()).toBe(true);
    await page.getByLabel('Message 1').fill('Our autumn menu, now with chestnuts');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Back on its detail page (an error would show instead).
    const whereOrError = async () =>
      (await page.getByRole('alert').count()) ? page.getByRole('alert').first().innerText() : page.url();
    await expect.poll(whereOrError).toMatch(new RegExp(`#/broadcasts/${original.id}$`));
    await expect
      .poll(async () => (await api('GET', `/api/broadcasts/${original.id}`)).content)
      .toBe('Our autumn menu, now with chestnuts');
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Pending');

    // Pause and resume from the list: pending again until its time, still in the pending filter, still editable.
    await page.goto(`${base}/#/broadcasts`);
    await row().filter({ hasText: 'chestnuts' }).getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row().filter({ hasText: 'chestnuts' }).innerText()).toContain('Paused');
    await row().filter({ hasText: 'chestnuts' }).getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => row().filter({ hasText: 'chestnuts' }).innerText()).toContain('Pending');
    await page.getByLabel('Status').selectOption('pending');
    await expect.poll(() => row().filter({ hasText: 'chestnuts' }).count()).toBe(1);
    expect(await row().filter({ hasText: 'chestnuts' }).getByRole('link', { name: 'Edit' }).count()).toBe(1);
    // Nothing of it went out.
    expect(sandbox.store.query({}).filter((m) => m.content.includes('autumn menu'))).toHaveLength(0);
  });
});

describe("a timed send into one contact's conversation", () => {
  it('schedules a message from the timeline; it shows there and in the broadcast list, pending', async () => {
    const contactId = (await api('GET', '/api/contacts?search=Autumn 1')).items[0].id as string;
    await page.goto(`${base}/#/contacts/${contactId}/timeline`);
    await page.getByRole('button', { name: 'Timed send' }).click();
    const form = page.getByRole('form', { name: 'Timed send' });
    // Group messages need a name for employees: a message into one conversation is offered the others.
    await expect
      .poll(() => form.getByLabel('Method').locator('option').allTextContents())
      .not.toContain('WeCom enterprise group message (employee confirms)');
    await form.getByLabel('Message 1').fill('Your table for two is ready at 7');
    const at = new Date(Date.now() + 5 * 3600_000);
    await form
      .getByLabel('Send at')
      .fill(new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
    await form.getByRole('button', { name: 'Schedule message' }).click();
    await expect.poll(() => page.getByTestId('scheduled').innerText()).toContain('Your table for two is ready at 7');
    expect(await page.getByTestId('scheduled-status').first().innerText()).toBe('Pending');
    const listed = (await api('GET', '/api/broadcasts?search=table for two')).items as Array<{
      status: string;
      conversationContactId: string;
    }>;
    expect(listed.map((b) => [b.status, b.conversationContactId])).toEqual([['pending', contactId]]);
  });
});

describe('the enterprise broadcast in the browser', () => {
  it('employees, a CSV with owners, a group message to a tag, they confirm, employee card/table, exports', async () => {
    // 1. Employees, on their page.
    await page.goto(`${base}/#/employees`);
    const add = page.getByRole('form', { name: 'Add an employee' });
    for (const [id, name] of [
      ['wang', 'Wang Fang'],
      ['li', 'Li Wei'],
    ] as const) {
      await add.getByLabel('WeCom user id').fill(id);
      await add.getByLabel('Employee name').fill(name);
      await add.getByRole('button', { name: 'Add employee' }).click();
      await expect.poll(() => page.getByRole('cell', { name, exact: true }).count()).toBe(1);
    }

    // 2. Contacts from a CSV whose owner column names them (one customer is both employees').
    const csv = [
      'external_id,name,wecom_external_userid,tags,owner',
      'ent-0,Guest 0,wm-ent-0,Regulars,wang',
      'ent-1,Guest 1,wm-ent-1,Regulars,wang',
      'ent-2,Guest 2,wm-ent-2,Regulars,wang',
      'ent-3,Guest 3,wm-ent-3,Regulars,li',
      'ent-4,Guest 4,wm-ent-4,Regulars,li',
      'ent-5,Guest 5,wm-ent-5,Regulars,wang|li',
      'ent-6,Guest 6,wm-ent-6,Others,li',
    ].join('\n');
    await page.goto(`${base}/#/contacts`);
    await page
      .getByLabel('Import CSV')
      .setInputFiles({ name: 'guests.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Imported guests.csv: 7 new');
    const guest5 = page.getByRole('row').filter({ hasText: 'Guest 5' });
    await expect.poll(() => guest5.innerText()).toMatch(/Wang Fang, Li Wei/);

    // 3. A group message to the tag, on the form.
    await page.goto(`${base}/#/broadcasts/new`);
    await page.getByLabel('Method').selectOption('wecom_group_msg');
    await page.getByLabel('Name', { exact: true }).fill('Weekend tasting');
    await page.getByLabel('Group name').fill('Tasting');
    await page.getByRole('group', { name: 'Tags', exact: true }).getByRole('button', { name: 'Regulars' }).click();
    await expect.poll(() => page.getByTestId('audience-count').innerText()).toMatch(/^6 of 6 contacts reachable/);
    await page.getByLabel('Message 1').fill('Tasting on Saturday at 3');
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await page.waitForURL(/#\/broadcasts\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;

    // Waiting for the employees: said in words, counted on the cards, nothing delivered yet.
    await expect.poll(() => page.getByTestId('waiting-for').innerText()).toMatch(/employee/i);
    await expect.poll(() => card('waiting')).toBe('6');
    expect(await card('employees')).toBe('0 of 2');
    expect(await card('delivered')).toBe('0');

    // 4. The employees confirm their tasks on the sandbox's page (as in the WeCom app).
    const phone = await browser.newPage();
    await phone.goto(sandbox.url);
    for (const who of ['wang', 'li']) {
      await phone.getByRole('button', { name: `Confirm as ${who}` }).click();
      await expect.poll(() => phone.getByRole('button', { name: `Confirm as ${who}` }).count()).toBe(0);
    }
    await phone.close();
    // One group message a day per customer: Guest 5 got the first employee's, not both.
    expect(sandbox.store.query({ recipient: 'wm-ent-5' }).filter((m) => m.content.includes('Saturday'))).toHaveLength(
      1,
    );

    // The run reads the results (its polls skip ahead in time-skipping Temporal) and completes.
    const detail = await api('GET', `/api/broadcasts/${id}`);
    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Completed');
    await expect.poll(() => card('employees')).toBe('2 of 2');
    expect(await card('waiting')).toBe('0');
    const stats = (await api('GET', `/api/broadcasts/${id}`)).stats;
    expect(stats.sent).toBe(6);
    expect(await card('sent')).toBe('6');
    expect(await card('received')).toBe(`${Math.round(stats.receivedRate * 100)}%`);

    // The per-employee table: what each was asked and did, as the API counts it.
    type Row = { name: string; pending: number; sent: number; delivered: number; undelivered: number };
    const rows = (await api('GET', `/api/broadcasts/${id}/employees`)).items as Row[];
    expect(rows.map((r) => r.name).sort()).toEqual(['Li Wei', 'Wang Fang']);
    expect(rows.every((r) => r.pending === 0)).toBe(true);
    expect(rows.reduce((n, r) => n + r.sent + r.delivered, 0)).toBeGreaterThanOrEqual(6);
    await expect
      .poll(() =>
        page
          .getByTestId('employees')
          .locator('tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))),
      )
      .toEqual(
        rows.map((r) => [r.name, String(r.pending), String(r.sent), String(r.delivered), String(r.undelivered)]),
      );

    // The message, on demand.
    await page.getByTestId('view-message').click();
    await expect.poll(() => page.getByTestId('message-preview').innerText()).toContain('Tasting on Saturday at 3');
    await page.screenshot({ path: screenshotPath('enterprise-broadcast-detail.png'), fullPage: true });

    // 5. The XLSX download: a row per recipient.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(7);

    // 6. The emailed export.
    const form = page.getByRole('form', { name: 'Email the export' });
    await form.getByLabel('To (comma-separated)').fill('boss@acme.test');
    await form.getByLabel('Subject').fill('Weekend tasting results');
    await form.getByRole('button', { name: 'Email it' }).click();
    await expect.poll(() => page.getByTestId('email-export-result').innerText()).toMatch(/^Emailed 6 row\(s\)/);
    await expect
      .poll(() => sandbox.store.query({ channel: 'email' }).map((m) => m.recipient))
      .toEqual(['boss@acme.test']);
  });
});

describe("the WeCom account's settings and its customers", () => {
  it("syncs employees' customers as contacts they own; sets the quota time zone, refusing an unknown one", async () => {
    await page.goto(`${base}/#/employees`);
    await page.getByRole('button', { name: 'Sync customers from WeCom' }).click();
    // The sandbox corp's address book: four customers, one followed by two employees.
    await expect
      .poll(() => page.getByTestId('employees-banner').innerText())
      .toMatch(/^Customers synced: \d+ read, 4 new contacts, 5 owner links\.$/);
    await page.goto(`${base}/#/contacts`);
    await page.getByLabel('Search contacts').fill('Bo');
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'wm-b' }).innerText())
      .toMatch(/Zhang San, Li Si|Li Si, Zhang San/);

    await page.goto(`${base}/#/channels`);
    await page.getByTestId('account-Acme WeCom').getByRole('button', { name: 'Edit' }).click();
    const zone = page.getByLabel('Quota time zone');
    expect(await zone.getAttribute('placeholder')).toBe('Asia/Shanghai');
    await zone.fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('.field-error').first().innerText()).toMatch(/time zone/);
    await zone.fill('Europe/Berlin');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(
        async () =>
          ((await api('GET', '/api/channel-accounts')).items as Array<{ id: string; quotaTimeZone: string }>).find(
            (a) => a.id === wecom,
          )?.quotaTimeZone,
      )
      .toBe('Europe/Berlin');
  });
});
