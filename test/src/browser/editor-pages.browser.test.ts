// Broadcast detail (employees, sends chart, progress, emailed export), a contact's timeline, the tags and
// settings pages, in a real browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Sandbox } from '@herald/sandbox';
import { apiJson, type ApiHarness } from '../api/api-harness';
import { startBrowserStack, type BrowserStack, screenshotPath } from './browser';
import { sandboxMailer } from '../e2e/engine-stack';

let page: Page;
let stack: BrowserStack;
let env: TestWorkflowEnvironment;
let h: ApiHarness;
let base: string;
let sandbox: Sandbox;
let wecom: string;
let broadcastId: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  stack = await startBrowserStack('browser-pages', {
    sandbox: { confirmDelayMs: 0, smtpPort: 0 },
    app: sandboxMailer,
    viewport: { width: 1440, height: 900 },
  });
  ({ env, sandbox, h, base, page } = stack);
  // The WeCom app's callback configuration: employees' sends of agent messages are told to Herald.
  wecom = await stack.wecomApp({ name: 'Acme Coffee WeCom', corpId: 'corp-pages', token: 'pages-token' });
}, 120_000);

afterAll(async () => stack?.close());

describe('the broadcast detail page', () => {
  it('shows progress while pending, then per-employee counts that match the API and a chart of the sends', async () => {
    // 12 members of the tasting club, owned by two employees; two have no WeCom identity (skipped, undelivered).
    await api('POST', '/api/employees', { wecomUserId: 'wang', name: 'Wang Fang' });
    await api('POST', '/api/employees', { wecomUserId: 'li', name: 'Li Wei' });
    await api('POST', '/api/contacts/import', {
      contacts: Array.from({ length: 12 }, (_, i) => ({
        externalId: `taste-${i}`,
        name: `Taster ${i}`,
        identities: i % 6 === 5 ? [] : [{ kind: 'wecom_external_userid', value: `wm-taste-${i}` }],
        tags: ['Tasting club'],
        owners: [i < 6 ? 'wang' : 'li'],
      })),
    });
    const tag = (await api('GET', '/api/tags')).items.find((t: { name: string }) => t.name === 'Tasting club');
    const created = await api('POST', '/api/broadcasts', {
      name: 'Tasting on Friday',
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Tasting on Friday at 7' }],
      audience: { kind: 'tags', mode: 'any', tagIds: [tag.id], excludeTagIds: [] },
      sendType: 'timed',
      sendAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    });
    broadcastId = created.id;

    await page.goto(`${base}/#/broadcasts/${broadcastId}`);
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Pending');
    const progress = page.getByRole('progressbar', { name: 'Sending progress' });
    expect(await progress.getAttribute('aria-valuenow')).toBe('0');
    await expect.poll(() => page.getByTestId('sends-chart-empty').innerText()).toBe('Nothing sent yet.');

    const detail = await api('GET', `/api/broadcasts/${broadcastId}`);
    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText()).toBe('Completed');
    expect(await progress.count()).toBe(0);

    // Each agent message went to its owning employee, who sent it on (the sandbox's employees act at once).
    type Row = { name: string; pending: number; sent: number; delivered: number; undelivered: number };
    const employees = async () => (await api('GET', `/api/broadcasts/${broadcastId}/employees`)).items as Row[];
    await expect
      .poll(async () => (await employees()).map((e) => [e.name, e.pending, e.sent, e.delivered, e.undelivered]))
      .toEqual([
        ['Li Wei', 0, 0, 5, 1],
        ['Wang Fang', 0, 0, 5, 1],
      ]);
    const fromApi = await employees();
    const cells = () =>
      page
        .getByTestId('employees')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    await expect
      .poll(cells)
      .toEqual(
        fromApi.map((e) => [e.name, String(e.pending), String(e.sent), String(e.delivered), String(e.undelivered)]),
      );

    // The chart counts every recipient with a send time: the ten reachable ones.
    await expect.poll(() => page.getByTestId('sends-chart').getAttribute('data-total')).toBe('10');
    expect(await page.getByTestId('sends-chart').getByRole('img').getAttribute('aria-label')).toMatch(
      /^10 sends from /,
    );
    await page.screenshot({ path: screenshotPath('broadcast-detail-full.png'), fullPage: true });
  });

  it('emails the export with a subject to the chosen addresses; refuses a malformed address first', async () => {
    await page.goto(`${base}/#/broadcasts/${broadcastId}`);
    const form = page.getByRole('form', { name: 'Email the export' });
    await form.getByLabel('To (comma-separated)').fill('boss@acme.test, not-an-address');
    await expect.poll(() => form.locator('.field-error').innerText()).toBe('Not an email address: not-an-address');
    expect(await form.getByRole('button', { name: 'Email it' }).isDisabled()).toBe(true);
    await form.getByLabel('To (comma-separated)').fill('boss@acme.test, ops@acme.test');
    await form.getByLabel('Subject').fill('Tasting results');
    await form.getByRole('button', { name: 'Email it' }).click();
    await expect
      .poll(() => page.getByTestId('email-export-result').innerText())
      .toBe('Emailed 12 row(s) as XLSX to boss@acme.test, ops@acme.test.');
    await expect
      .poll(() =>
        sandbox.store
          .query({ channel: 'email' })
          .map((m) => m.recipient)
          .sort(),
      )
      .toEqual(['boss@acme.test', 'ops@acme.test']);
    expect(sandbox.store.query({ channel: 'email' })[0]!.content).toContain('Tasting results');
  });
});

describe("a contact's timeline", () => {
  it("opens from a recipient row's chat link: the message, its status, the events, scheduled messages", async () => {
    const contactId = (await api('GET', '/api/contacts?search=Taster 3')).items[0].id as string;
    await api('POST', '/api/events', {
      id: 'taste-3-reply',
      type: 'message_received',
      contact: { externalId: 'taste-3' },
      properties: { text: 'See you there' },
    });
    const scheduled = await api('POST', `/api/conversations/${contactId}/scheduled-messages`, {
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Your table is ready' }],
      sendAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    });
    expect(scheduled.status).toBe('pending');

    await page.goto(`${base}/#/broadcasts/${broadcastId}`);
    await page.getByRole('link', { name: 'Chat with Taster 3' }).click();
    await expect.poll(() => page.getByTestId('timeline-name').innerText()).toBe('Taster 3');
    const history = (await api('GET', `/api/contacts/${contactId}/timeline`)).items as Array<{
      kind: string;
      content?: string;
      status?: string;
    }>;
    const status = history.find((i) => i.kind === 'message' && i.content === 'Tasting on Friday at 7')!.status!;
    expect(['sent', 'delivered']).toContain(status);
    const message = page.getByTestId('timeline-message').filter({ hasText: 'Tasting on Friday at 7' });
    // Statuses, methods and events in words, never their codes.
    await expect
      .poll(() => message.getByTestId('timeline-status').innerText())
      .toBe(status === 'sent' ? 'Sent' : 'Delivered');
    expect(await message.innerText()).toContain('Tasting on Friday · WeCom agent message (notifications app)');
    await expect.poll(() => page.getByTestId('timeline-event').innerText()).toContain('Sent a message');
    expect(await page.getByTestId('timeline-event').innerText()).not.toMatch(/wechat:|received from/);
    expect(await page.getByTestId('timeline-event').innerText()).toContain('See you there');
    // The scheduled message, with the status the API gives it (time-skipping Temporal may already have sent it).
    await expect.poll(() => page.getByTestId('scheduled').innerText()).toContain('Your table is ready');
    // It may move on while the page loads: reload until the page and the API agree.
    await expect
      .poll(async () => {
        await page.reload();
        const shown = await page.getByTestId('scheduled-status').innerText();
        const stored = (await api('GET', `/api/conversations/${contactId}/scheduled-messages`)).items[0]
          .status as string;
        const words: Record<string, string> = {
          pending: 'Pending',
          in_progress: 'In progress',
          completed: 'Completed',
        };
        return shown === words[stored] ? 'same' : `page ${shown}, API ${stored}`;
      })
      .toBe('same');
  });

  it('says so when a contact has no history yet', async () => {
    await api('POST', '/api/contacts/import', { contacts: [{ externalId: 'nobody-yet', name: 'New Face' }] });
    await page.goto(`${base}/#/contacts`);
    await page.getByLabel('Search contacts').fill('New Face');
    await page.getByRole('link', { name: 'New Face' }).click();
    await expect.poll(() => page.getByTestId('timeline-empty').innerText()).toContain('Nothing yet');
  });
});

describe('keyboard reach', () => {
  it('reaches the CSV import of the contacts page with Tab', async () => {
    await page.goto(`${base}/#/contacts`);
    await page.getByLabel('Tag filter').focus();
    let label = '';
    for (let i = 0; i < 5 && label !== 'Import CSV'; i++) {
      await page.keyboard.press('Tab');
      label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(label).toBe('Import CSV');
  });
});

describe('the tags page', () => {
  it('lists the tags, creates one, refuses a duplicate in words, and links to its contacts', async () => {
    await page.goto(`${base}/#/tags`);
    await expect.poll(() => page.getByTestId('tags-table').innerText()).toContain('Tasting club');
    const input = page.getByLabel('New tag name');
    expect(await page.getByRole('button', { name: 'Create tag' }).isDisabled()).toBe(true);
    await input.fill('Weekend regulars');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('tags-banner').innerText()).toBe('Created the tag "Weekend regulars".');
    await expect.poll(() => page.getByTestId('tags-table').innerText()).toContain('Weekend regulars');
    expect((await api('GET', '/api/tags')).items.map((t: { name: string }) => t.name)).toContain('Weekend regulars');
    await input.fill('tasting CLUB');
    await page.getByRole('button', { name: 'Create tag' }).click();
    await expect
      .poll(() => page.getByTestId('tags-banner').innerText())
      .toBe('A tag named "tasting CLUB" already exists.');
    await page
      .getByTestId('tags-table')
      .locator('tr', { hasText: 'Tasting club' })
      .getByRole('link', { name: 'Show contacts' })
      .click();
    await expect.poll(() => page.getByTestId('contacts-table').locator('tbody tr').count()).toBe(12);
  });

  it('sets the frequency cap and quiet hours, refuses a cap out of range or unknown zone, turns them off', async () => {
    await page.goto(`${base}/#/settings`);
    const limit = page.getByLabel('Messages at most');
    await expect.poll(() => limit.isDisabled()).toBe(true);
    await page.getByLabel('Limit messages to one contact').check();
    await limit.fill('0');
    await expect.poll(() => page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await limit.fill('2');
    await page.getByLabel('Per').selectOption('week');
    await page.getByLabel('Keep quiet hours').check();
    await page.getByLabel('Quiet from').fill('22:00');
    await page.getByLabel('Quiet until').fill('07:30');
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('settings-banner').innerText()).toContain('time zone');
    expect((await api('GET', '/api/workspace/settings')).quietHours).toBeNull();
    await page.getByLabel('Time zone').fill('Asia/Shanghai');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByTestId('settings-banner').innerText())
      .toBe('Saved: at most 2 messages a week to one contact; quiet from 22:00 to 07:30.');
    expect(await api('GET', '/api/workspace/settings')).toMatchObject({
      frequencyCap: { limit: 2, window: 'week' },
      quietHours: { start: '22:00', end: '07:30', timezone: 'Asia/Shanghai' },
    });
    await page.reload();
    await expect.poll(() => page.getByLabel('Messages at most').inputValue()).toBe('2');
    await expect.poll(() => page.getByLabel('Time zone').inputValue()).toBe('Asia/Shanghai');
    // The new-broadcast page warns when a send would fall inside them (here: quiet but for one minute, two
    // minutes from now).
    const hhmm = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString().slice(11, 16);
    const quiet = { start: hhmm(2), end: hhmm(1), timezone: 'UTC' };
    await api('PUT', '/api/workspace/settings', { quietHours: quiet });
    await page.goto(`${base}/#/broadcasts/new`);
    await expect
      .poll(() => page.getByTestId('quiet-warning').innerText())
      .toContain(`inside the workspace's quiet hours (${quiet.start}–${quiet.end} UTC)`);
    await page.goto(`${base}/#/settings`);
    await page.getByLabel('Limit messages to one contact').uncheck();
    await page.getByLabel('Keep quiet hours').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByTestId('settings-banner').innerText())
      .toBe('Saved: no frequency cap; no quiet hours.');
    expect(await api('GET', '/api/workspace/settings')).toMatchObject({ frequencyCap: null, quietHours: null });
  });
});
