// A marketer's first hour, as a new user lives it: the real `./herald start` on an empty data folder (non-default
// ports), then only the pages: sign in with the printed credentials, connect a WeChat official account and a WeCom
// account pointed at the sandbox, import 20 contacts by CSV, draw follow → wait → agent message, publish, act as
// WeChat in the sandbox page (server configuration, a follow), and watch the step counts move and the welcome arrive.
// Nothing is seeded by SQL or API. The README's screenshots come from this test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freePort, repoRoot } from '@herald/runtime';
import { launchChromium, screenshotPath } from './browser';

const dataDir = mkdtempSync(join(tmpdir(), 'herald-first-hour-'));
let child: ChildProcess | undefined;
let browser: Browser;
let output = '';

/** Resolves with the first match of `pattern` in what `./herald start` printed, once it printed it. */
function printed(pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const found = pattern.exec(output);
      if (found) return resolve(found);
      if (child?.exitCode !== null) return reject(new Error(`./herald start exited:\n${output.slice(-2000)}`));
      child.stdout!.once('data', look);
    };
    look();
  });
}

const csv = [
  'external_id,name,wechat_openid,wecom_external_userid,tags,owner',
  ...Array.from({ length: 20 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return `fan-${n},Fan ${n},o-fan-${n},wm-fan-${n},${i % 2 ? 'Shanghai' : 'Beijing'},zhangsan`;
  }),
].join('\n');

beforeAll(async () => {
  const [port, temporalPort, uiPort, sandboxPort, smtpPort] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_SMTP_PORT: String(smtpPort),
    HERALD_DATA_DIR: dataDir,
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'HERALD_SANDBOX', 'HERALD_SECRET_KEY']) delete env[name];
  // Its own process group, as a terminal's foreground job: Ctrl-C (SIGINT) reaches all of it.
  child = spawn(join(repoRoot, 'herald'), ['start'], { cwd: repoRoot, env, detached: true });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  [browser] = await Promise.all([launchChromium(), printed(/Press Ctrl-C/)]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid, 'SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** Connects an account through the Channels page's form for its kind, after testing the connection. */
async function connect(
  page: Page,
  kind: string,
  name: string,
  fields: Record<string, string>,
  accepted: string,
  screenshot?: string,
) {
  await page.getByLabel('Connect an account').selectOption(kind);
  const form = page.getByRole('form', { name: /account$/ });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: /^Use the channel sandbox/ }).click();
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain(accepted);
  if (screenshot) await page.screenshot({ path: screenshotPath(screenshot), fullPage: true });
  await form.getByRole('button', { name: 'Connect account' }).click();
  await expect.poll(() => page.getByTestId('channels-banner').innerText()).toBe(`${name} is connected.`);
}

describe("a marketer's first hour", () => {
  it('goes from the printed sign-in to a welcome message, all in the browser', { timeout: 420_000 }, async () => {
    const [, email, password] = await printed(/sign in\s+(\S+) \/ (\S+)/);
    const [, base] = await printed(/editor & API\s+(\S+)/);
    const [, sandboxUrl] = await printed(/sandbox\s+(http\S+)/);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(base!);
    await page.getByLabel('Email').fill(email!);
    await page.getByLabel('Password').fill(password!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const checklist = page.getByRole('region', { name: 'Getting started' });
    await expect.poll(() => checklist.locator('li[data-done="true"]').count()).toBe(0);

    // Channels: a WeChat official account and a WeCom company, pointed at the sandbox and tested.
    await page.getByRole('link', { name: 'Channels' }).click();
    await connect(
      page,
      'wechat_service',
      'Acme OA',
      { AppID: 'wx-first-hour', AppSecret: 'app-secret', Token: 'first-hour-token' },
      'WeChat accepted these credentials',
      'first-hour-channels.png',
    );
    await connect(
      page,
      'wecom',
      'Acme WeCom',
      { 'Corp ID': 'ww-first-hour', AgentId: '1000002', Secret: 'agent-secret' },
      'WeCom accepted these credentials',
    );
    const callbackUrl = await page.getByTestId('account-Acme OA').locator('code.callback').innerText();
    expect(callbackUrl).toMatch(new RegExp(`^${base}/webhooks/wechat/[0-9a-f-]{36}$`));

    // The employee who owns the customers: WeCom agent messages go through them.
    await page.getByRole('link', { name: 'Employees' }).click();
    const addEmployee = page.getByRole('form', { name: 'Add an employee' });
    await addEmployee.getByLabel('WeCom user id').fill('zhangsan');
    await addEmployee.getByLabel('Employee name').fill('Zhang San');
    await addEmployee.getByRole('button', { name: 'Add employee' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Zhang San', exact: true }).count()).toBe(1);

    // Contacts: 20 by CSV, each with an openid, a WeCom external user id (no account named) and its owner.
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page
      .getByLabel('Import CSV')
      .setInputFiles({ name: 'fans.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect
      .poll(() => page.getByTestId('contacts-banner').innerText())
      .toBe('Imported fans.csv: 20 new, 0 updated.');
    await expect.poll(() => page.getByTestId('contacts-table').locator('tbody tr').count()).toBe(20);
    expect(await page.getByTestId('pager-range').count()).toBe(0);

    // The journey: follow → wait 1 minute → WeCom agent message, drawn with the palette and the inspector.
    await page.getByRole('link', { name: 'Journeys' }).click();
    await expect.poll(() => checklist.locator('li[data-done="true"]').count()).toBe(2);
    await page.getByRole('button', { name: 'New journey' }).click();
    await expect.poll(() => page.getByTestId('issues-panel').innerText()).toContain('needs a trigger');
    await page.getByTestId('journey-name').click();
    await page.getByLabel('Journey name').fill('Welcome new followers');
    await page.getByLabel('Journey name').press('Enter');
    await expect.poll(() => page.getByTestId('journey-name').innerText()).toBe('Welcome new followers');
    for (const kind of ['follow', 'wait', 'send']) await page.getByTestId(`palette-${kind}`).click();
    const node = (kind: string) => page.locator(`.react-flow__node-${kind}`);
    // Click a node's output, then the next node's input: React Flow connects them (click stands still, no drag timing).
    // Each step waits for the canvas's own signal — the output marked as the connection's start, then the edge — so
    // a miss shows which click it was (one CI run on a busy machine got 1 edge of 2 after both pairs of clicks).
    for (const [i, [from, to]] of (
      [
        ['follow', 'wait'],
        ['wait', 'send'],
      ] as const
    ).entries()) {
      const output = node(from).locator('.react-flow__handle.source');
      await output.click();
      await expect.poll(() => output.getAttribute('class')).toContain('clickconnecting');
      await node(to).locator('.react-flow__handle.target').click();
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(i + 1);
    }
    await node('follow').click();
    await page.getByLabel('Official account').selectOption({ label: 'Acme OA' });
    await node('wait').click();
    await page.getByLabel('Wait', { exact: true }).fill('1');
    await page.getByLabel('Wait unit').selectOption('minutes');
    await node('send').click();
    await page.getByLabel('Channel account').selectOption({ label: 'Acme WeCom (WeCom)' });
    // Only what a real-time journey may send is offered: the agent message, chosen for the WeCom account.
    expect(await page.getByLabel('Method').inputValue()).toBe('wecom_agent');
    await page.getByLabel('Message 1').fill('Welcome to Acme, {{contact.name}}!');
    await expect.poll(() => page.getByTestId('text-counter').innerText()).toMatch(/^\d+ \/ 2,048 bytes$/);
    await expect.poll(() => page.getByTestId('publish').isEnabled()).toBe(true);
    await page.getByTestId('publish').click();
    await expect.poll(() => page.getByTestId('banner').innerText()).toBe('Published version 1.');
    await expect.poll(() => page.getByTestId('journey-status').innerText()).toBe('Live');

    // The sandbox page as WeChat: the account's server configuration, then a fan follows.
    const sandbox = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await sandbox.goto(sandboxUrl!);
    await sandbox.getByLabel('AppID').fill('wx-first-hour');
    await sandbox.getByLabel('Callback URL', { exact: true }).fill(callbackUrl);
    await sandbox.getByLabel('Token', { exact: true }).fill('first-hour-token');
    await sandbox.getByRole('button', { name: 'Save server configuration' }).click();
    await expect.poll(() => sandbox.locator('#cfg-result').innerText()).toContain('Saved');
    await expect.poll(() => sandbox.getByLabel('Official account').inputValue()).toBe('wx-first-hour');
    await sandbox.getByLabel('Fan openid').fill('o-fan-07');
    await sandbox.getByRole('button', { name: 'Simulate follow' }).click();
    await expect
      .poll(() => sandbox.getByTestId('simulate-result').innerText())
      .toBe('Follow sent. Herald answered 200: success');

    // The step counts move: Fan 07 enters, waits a minute, and the welcome goes out.
    const counts = (kind: string) => node(kind).locator('.node-counts');
    // (The engine counts contacts at the steps after the trigger.)
    await expect.poll(() => counts('wait').innerText()).toBe('1 entered\n1 waiting');
    await page.screenshot({ path: screenshotPath('first-hour-canvas-waiting.png') });
    await expect.poll(() => counts('send').innerText(), { timeout: 180_000 }).toContain('1 sent');
    // The whole journey in view for the picture: Fit, then wait until every step is inside the canvas.
    await node('send').click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    const canvas = (await page.locator('main.flow .react-flow').boundingBox())!;
    const inView = async (kind: string) => {
      const box = (await node(kind).boundingBox())!;
      return box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height;
    };
    await expect.poll(async () => (await inView('follow')) && (await inView('send'))).toBe(true);
    await page.screenshot({ path: screenshotPath('first-hour-canvas.png') });

    // …and arrives at the sandbox, to the fan's WeCom id, personalised.
    const row = sandbox.getByTestId('sent-messages').locator('tr[data-recipient="wm-fan-07"]');
    await expect.poll(() => row.innerText()).toContain('Welcome to Acme, Fan 07!');
    await sandbox.screenshot({ path: screenshotPath('first-hour-sandbox.png'), fullPage: true });
    // The follow was the imported contact's, not a nameless new one: still 20 contacts, Fan 07 shows it.
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByLabel('Search contacts').fill('o-fan-07');
    await expect.poll(() => page.getByTestId('contacts-table').locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'Fan 07' }).click();
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('Followed');
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('WeCom agent message');
  });
});
