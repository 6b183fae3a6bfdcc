// A/B tests and local-time sends, composed on the new-broadcast page of a real browser and run on the
// time-skipping server with the real activities, PostgreSQL and the sandbox: a two-variant broadcast
// tests on half its audience, the variant read most wins and the other half gets it (counted at the
// sandbox's inbox); a local-time broadcast reaches each contact at 09:00 in their own zone.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { inTestShare, sql } from '@herald/db';
import type { Sandbox } from '@herald/sandbox';
import { apiJson, type ApiHarness } from '../api/api-harness';
import { startBrowserStack, type BrowserStack, screenshotPath } from './browser';

let stack: BrowserStack;
let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let page: Page;
let h: ApiHarness;
let base: string;
let wecom: string;
const receiptsSecret = 'receipts-secret';
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  stack = await startBrowserStack('experiments', {
    sandbox: { confirmDelayMs: 0 },
    viewport: { width: 1440, height: 1000 },
  });
  ({ env, sandbox, h, base, page } = stack);
  // The A/B account's WeCom app tells Herald when an employee has sent a message on.
  wecom = await stack.wecomApp({
    name: 'Spring WeCom',
    corpId: 'corp-ab',
    token: 'ab-token',
    credentials: { receiptsSecret },
  });
  // The local-time send's account: its app tells Herald nothing, so each row's time is when Herald
  // handed the message to the employee (on the time-skipping server's clock), not the employee's.
  await stack.account({ kind: 'wecom', name: 'Morning WeCom', settings: { corpId: 'corp-morning', agentId: 1000002 } });
  // Agent messages go through the employee who owns each contact (the sandbox's employees send them on).
  await api('POST', '/api/employees', { wecomUserId: 'spring-owner', name: 'Spring Owner' });
}, 120_000);

afterAll(async () => stack?.close());

const inbox = (text: string) => sandbox.store.query({ method: 'agent' }).filter((m) => m.content === text);

/** The new-broadcast page with the account's WeCom agent message chosen, a name and a tag as the audience. */
async function startBroadcast(name: string, tag: string, text: string, account = 'Spring WeCom'): Promise<void> {
  await page.goto(`${base}/#/broadcasts/new`);
  const accountSelect = page.getByLabel('Channel account');
  await expect.poll(() => accountSelect.locator('option').allInnerTexts()).toContain(`${account} (WeCom)`);
  await accountSelect.selectOption({ label: `${account} (WeCom)` });
  await expect
    .poll(() =>
      page
        .getByLabel('Method')
        .locator('option')
        .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
    )
    .toContain('wecom_agent');
  await page.getByLabel('Method').selectOption('wecom_agent');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('group', { name: 'Tags', exact: true }).getByRole('button', { name: tag }).click();
  await page.getByLabel('Message 1', { exact: true }).fill(text);
}

/** Posts receipts as the platform does (HMAC-signed with the account's receipts secret). */
async function postReceipts(receipts: Array<{ providerMessageId: string; recipient: string; type: 'read' }>) {
  const body = JSON.stringify({ receipts: receipts.map((r) => ({ ...r, at: new Date().toISOString() })) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${base}/webhooks/receipts/${wecom}`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-herald-timestamp': timestamp,
      'x-herald-signature': createHmac('sha256', receiptsSecret).update(`${timestamp}.${body}`).digest('hex'),
    },
  });
  expect(res.status).toBe(200);
}

describe('experiments and local-time sends', () => {
  it('a two-variant broadcast tests on half its audience, picks the one read most, sends it to the rest', async () => {
    const n = 40;
    await api('POST', '/api/contacts/import', {
      contacts: Array.from({ length: n }, (_, i) => ({
        externalId: `spring-${i}`,
        name: `Spring ${i}`,
        identities: [{ kind: 'wecom_external_userid', value: `wm-spring-${i}` }],
        tags: ['Spring list'],
        owners: ['spring-owner'],
      })),
    });
    await startBroadcast('Spring sale', 'Spring list', 'Spring is here');
    await page.getByRole('button', { name: '+ A/B test this message' }).click();
    await page.getByLabel('Variant B message 1').fill('Spring sale: 20% off');
    await expect.poll(() => page.getByTestId('variant-total').innerText()).toBe('The shares make 100%.');
    await page.getByLabel('Send the winner to the rest of the audience').check();
    await page.getByLabel('Test share').fill('50');
    await page.getByLabel('Winner by').selectOption({ label: 'read rate' });
    await page.getByLabel('Choose the winner after', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await expect.poll(() => page.getByTestId('broadcast-name').innerText()).toBe('Spring sale');
    const id = page.url().split('/').at(-1)!;
    const detail = await api('GET', `/api/broadcasts/${id}`);

    // Who the stable hash puts in the test share (read, not written: the expectation only).
    const [{ journeyId }] = (await h.db.db.execute(
      sql`select journey_id as "journeyId" from broadcasts where id = ${id}::uuid`,
    )) as unknown as [{ journeyId: string }];
    const inShare = inTestShare({ journeyId, nodeId: 'send' }, 50, sql`c.id`);
    const [{ tested }] = (await h.db.db.execute(sql`
      select count(*)::int as tested from contacts c
      where c.external_id like 'spring-%' and ${inShare}`)) as unknown as [{ tested: number }];
    expect(tested).toBeGreaterThan(5);
    expect(tested).toBeLessThan(n - 5);
    const a = () => inbox('Spring is here');
    const b = () => inbox('Spring sale: 20% off');
    // The test share goes out; the run then waits 4 hours (the server skips time only once the result is awaited).
    await expect.poll(() => a().length + b().length, { timeout: 30_000 }).toBe(tested);
    const testedB = b().length;
    expect(testedB).toBeGreaterThan(0);
    expect(a().length).toBeGreaterThan(0);

    const variantsNow = async () =>
      (await api('GET', `/api/broadcasts/${id}/variants`)) as {
        steps: Array<{
          variants: Array<{ id: string; sent: number; read: number }>;
          decision: { winner: string } | null;
        }>;
      };
    // Herald has the test share's messages as sent once the WeCom app has told it each employee sent theirs on.
    await expect
      .poll(async () => (await variantsNow()).steps[0]!.variants.reduce((sum, v) => sum + v.sent, 0), {
        timeout: 30_000,
      })
      .toBe(tested);
    // Everyone who got B reads it.
    await postReceipts(
      b().map((m) => ({ providerMessageId: m.providerMessageId, recipient: m.recipient, type: 'read' })),
    );
    await expect
      .poll(async () => (await variantsNow()).steps[0]!.variants.map((v) => [v.id, v.sent, v.read]), {
        timeout: 10_000,
      })
      .toEqual([
        ['a', tested - testedB, 0],
        ['b', testedB, testedB],
      ]);

    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    // B won, and the rest of the audience got B (once the employee has sent it on): each contact one message.
    expect((await variantsNow()).steps[0]!.decision).toMatchObject({ winner: 'b', significant: true });
    await expect.poll(() => b().length).toBe(testedB + (n - tested));
    expect(a()).toHaveLength(tested - testedB);
    expect(new Set([...a(), ...b()].map((m) => m.recipient)).size).toBe(n);

    // Counted sent once the WeCom app has told Herald the employee sent it on.
    await expect
      .poll(async () => (await variantsNow()).steps[0]!.variants.map((v) => [v.id, v.sent]), { timeout: 10_000 })
      .toEqual([
        ['a', tested - testedB],
        ['b', testedB + (n - tested)],
      ]);
    await page.reload();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText(), { timeout: 10_000 }).toBe('Completed');
    const stats = page.getByTestId('variant-stats-send');
    await expect
      .poll(() => stats.getByTestId('winner-words').innerText())
      .toMatch(
        /^Variant B won on read rate with \d+\.\d% confidence \(p = [\d.e-]+\); the rest of the audience got it\.$/,
      );
    expect(await stats.locator('tr[data-variant="b"] td').nth(2).innerText()).toBe(String(testedB + (n - tested)));
    expect(await stats.locator('tr[data-variant="a"] td').nth(2).innerText()).toBe(String(tested - testedB));
    await page.screenshot({ path: screenshotPath('broadcast-ab-winner.png'), fullPage: true });

    // A copy starts from the same A/B test: variant B's message and the winner's settings.
    await page.getByRole('link', { name: 'Copy' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Copy of a broadcast' }).count()).toBe(1);
    await expect.poll(() => page.getByLabel('Variant B message 1').inputValue()).toBe('Spring sale: 20% off');
    expect(await page.getByLabel('Send the winner to the rest of the audience').isChecked()).toBe(true);
    expect(await page.getByLabel('Test share').inputValue()).toBe('50');
  });

  it("a local-time broadcast reaches each contact at 09:00 in their zone (the workspace's without one)", async () => {
    // The workspace's zone, for contacts without one, set on the Settings page.
    await page.goto(`${base}/#/settings`);
    await page.getByLabel('Zone for contacts without one').fill('Europe/Berlin');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('settings-banner').innerText()).toMatch(/^Saved:/);
    expect((await api('GET', '/api/workspace/settings')).timezone).toBe('Europe/Berlin');
    const zones: Record<string, string | undefined> = {
      'morning-sh': 'Asia/Shanghai',
      'morning-ny': 'America/New_York',
      'morning-none': undefined,
    };
    await api('POST', '/api/contacts/import', {
      contacts: Object.entries(zones).map(([externalId, timezone]) => ({
        externalId,
        name: externalId,
        ...(timezone ? { timezone } : {}),
        identities: [{ kind: 'wecom_external_userid', value: `wm-${externalId}` }],
        tags: ['Early birds'],
        owners: ['spring-owner'],
      })),
    });
    await startBroadcast('Good morning', 'Early birds', 'Good morning!', 'Morning WeCom');
    await page.getByLabel("In each contact's own zone").check();
    await expect.poll(() => page.getByLabel('Local time').inputValue()).toBe('09:00');
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await expect.poll(() => page.getByTestId('broadcast-name').innerText()).toBe('Good morning');
    await expect
      .poll(() => page.getByTestId('local-time').innerText())
      .toBe("Sends at 09:00 in each contact's time zone (the workspace's for contacts without one).");
    const id = page.url().split('/').at(-1)!;
    const detail = await api('GET', `/api/broadcasts/${id}`);
    expect(detail).toMatchObject({ sendType: 'local_time', localTime: '09:00' });

    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    expect(
      inbox('Good morning!')
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(['wm-morning-none', 'wm-morning-ny', 'wm-morning-sh']);
    const recipients = (await api('GET', `/api/broadcasts/${id}/recipients?limit=10`)).items as Array<{
      recipient: string;
      status: string;
      sentAt: string;
    }>;
    const local = (iso: string, zone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
        new Date(iso),
      );
    const seen = Object.fromEntries(
      recipients.map((r) => {
        const ext = r.recipient.replace('wm-', '');
        return [ext, local(r.sentAt, zones[ext] ?? 'Europe/Berlin')];
      }),
    );
    expect(seen).toEqual({ 'morning-sh': '09:00', 'morning-ny': '09:00', 'morning-none': '09:00' });
    // Spread over the day as one run: each at their next 09:00, all within one day.
    const times = recipients.map((r) => new Date(r.sentAt).getTime());
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(24 * 3600_000);
    expect(new Set(times).size).toBe(3);
    await page.reload();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText(), { timeout: 10_000 }).toBe('Completed');
    await expect.poll(() => page.getByTestId('recipients').locator('tbody tr').count()).toBe(3);

    // A copy keeps the time of day in each contact's zone.
    await page.getByRole('link', { name: 'Copy' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Copy of a broadcast' }).count()).toBe(1);
    await expect.poll(() => page.getByLabel('Local time').inputValue()).toBe('09:00');
    expect(await page.getByLabel("In each contact's own zone").isChecked()).toBe(true);
  });
});
