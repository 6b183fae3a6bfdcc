// Workspaces, members, keys, approvals and the audit trail in a real browser: the owner (the instance
// administrator) invites a marketer through the Members page and the marketer joins from the emailed
// link; the marketer's publish and broadcast wait on the Approvals page until the owner approves (the
// journey then runs: its message reaches the sandbox) or rejects (nothing is sent); keys are made and
// revoked on their page; the audit page lists each of those actions, filtered and as CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { drainOnce } from '@herald/api';
import type { JourneyGraph } from '@herald/engine';
import type { Sandbox } from '@herald/sandbox';
import { apiJson, type ApiHarness } from '../api/api-harness';
import { accept, sandboxInbox, tokenOf } from '../api/team-fixture';
import { startBrowserStack, type BrowserStack } from './browser';
import { sandboxMailer } from '../e2e/engine-stack';

let stack: BrowserStack;
let sandbox: Sandbox;
let browser: Browser;
let h: ApiHarness;
let base: string;
let owner: Page;
let marketerContext: BrowserContext;
let marketer: Page;
let wecom: string;
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

/** The newest invitation link the sandbox's SMTP server received for an address. */
async function emailedLink(email: string): Promise<string> {
  const inbox = sandboxInbox(sandbox);
  await expect.poll(() => inbox(email)).toBeDefined();
  return inbox(email)!;
}

/** Posts as the marketer's browser session (the API the marketer has, with the marketer's cookie). */
async function asMarketer(method: 'post' | 'get', url: string, data?: unknown) {
  const res = await marketer.request[method](`${base}${url}`, data === undefined ? {} : { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

/** Opens a page of the editor afresh (a reload when the page already shows it: the hash alone would not load). */
async function open(page: Page, hash: string): Promise<void> {
  if (page.url() === `${base}/${hash}`) await page.reload();
  else await page.goto(`${base}/${hash}`);
}

beforeAll(async () => {
  stack = await startBrowserStack('team', {
    sandbox: { confirmDelayMs: 0, smtpPort: 0 },
    app: (s) => ({ ...sandboxMailer(s), sandboxUrl: s.url }),
  });
  ({ sandbox, browser, h, base, page: owner } = stack);
  wecom = await stack.account({
    kind: 'wecom',
    name: 'Team WeCom',
    settings: { corpId: 'corp-team', agentId: 1000002 },
  });
  // Agent messages go through the employee who owns each contact (the sandbox's employees send them on).
  await api('POST', '/api/employees', { wecomUserId: 'team-owner', name: 'Team Owner' });
  await api('POST', '/api/contacts/import', {
    contacts: ['ann', 'bo', 'cy'].map((c) => ({
      externalId: c,
      name: c.toUpperCase(),
      identities: [{ kind: 'wecom_external_userid', value: `wm-${c}` }],
      owners: ['team-owner'],
    })),
  });
}, 120_000);

afterAll(async () => {
  await marketerContext?.close();
  await stack?.close();
});

describe('members', () => {
  it('invites a marketer who joins from the emailed link; changes a role; withdraws, removes', async () => {
    await open(owner, '#/members');
    const invite = owner.getByTestId('invite-form');
    await invite.getByLabel('Email to invite').fill('mia@shop.test');
    await invite.getByLabel('Role').selectOption('marketer');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect
      .poll(() => owner.getByTestId('members-banner').innerText())
      .toBe('Invited mia@shop.test as marketer: the link is on its way by email (it works once, for 72 hours).');
    expect(await owner.getByTestId('invitations-table').innerText()).toContain('mia@shop.test');

    marketerContext = await browser.newContext({ viewport: { width: 1440, height: 880 } });
    marketer = await marketerContext.newPage();
    await marketer.goto(await emailedLink('mia@shop.test'));
    const join = marketer.getByTestId('invitation');
    await expect.poll(() => join.innerText()).toContain('You are invited to');
    expect(await join.innerText()).toContain('as marketer (mia@shop.test)');
    await join.getByLabel('Your name').fill('Mia');
    await join.getByLabel('Password (12 characters or more)').fill('a long enough password');
    await join.getByLabel('The same password again').fill('a long enough password');
    await join.getByRole('button', { name: /^Join / }).click();
    await marketer.getByRole('heading', { name: 'Journeys' }).waitFor();
    // A marketer is not shown what only admins may open.
    const nav = await marketer.locator('nav').innerText();
    expect(nav).toContain('Approvals');
    expect(nav).not.toContain('API keys');
    expect(nav).not.toContain('Audit');
    expect(nav).not.toContain('Workspaces');
    // The link worked once.
    const again = await browser.newPage();
    await again.goto(await emailedLink('mia@shop.test'));
    await expect.poll(() => again.getByRole('alert').innerText()).not.toBe('');
    await again.close();

    await owner.reload();
    const row = owner.locator('[data-testid="members-table"] tr[data-email="mia@shop.test"]');
    await expect.poll(() => row.innerText()).toContain('Mia');
    await row.getByLabel('Role of mia@shop.test').selectOption('viewer');
    await expect.poll(() => owner.getByTestId('members-banner').innerText()).toBe('Mia is now viewer.');
    await row.getByLabel('Role of mia@shop.test').selectOption('marketer');
    await expect.poll(() => owner.getByTestId('members-banner').innerText()).toBe('Mia is now marketer.');

    await invite.getByLabel('Email to invite').fill('late@shop.test');
    await invite.getByLabel('Role').selectOption('viewer');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => owner.getByTestId('invitations-table').innerText()).toContain('late@shop.test');
    await owner
      .getByTestId('invitations-table')
      .locator('tr', { hasText: 'late@shop.test' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await expect
      .poll(() => owner.getByTestId('members-banner').innerText())
      .toBe('Withdrew the invitation to late@shop.test: its link no longer works.');

    // A viewer who joined (through the API a user has) is removed, and their session ends.
    await invite.getByLabel('Email to invite').fill('vic@shop.test');
    await invite.getByLabel('Role').selectOption('viewer');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const vic = await accept(h.app, tokenOf(await emailedLink('vic@shop.test')), 'the viewer password', 'Vic');
    const me = () => h.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { herald_session: vic.cookie } });
    expect((await me()).statusCode).toBe(200);
    await owner.reload();
    await owner
      .locator('[data-testid="members-table"] tr[data-email="vic@shop.test"]')
      .getByRole('button', { name: 'Remove' })
      .click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => owner.getByTestId('members-banner').innerText()).toBe('Removed Vic.');
    await expect.poll(() => owner.getByTestId('members-table').innerText()).not.toContain('vic@shop.test');
    expect((await me()).statusCode).toBe(401);
  });
});

const welcome: JourneyGraph = {
  nodes: [
    { id: 'signup', kind: 'event', position: { x: 0, y: 0 }, data: { eventName: 'signed_up', filters: [] } },
    {
      id: 'hello',
      kind: 'send',
      position: { x: 0, y: 160 },
      data: {
        channelAccountId: '',
        channel: 'wecom',
        method: 'wecom_agent',
        type: 'contacts',
        messages: [{ type: 'text', text: 'Welcome aboard' }],
      },
    },
  ],
  edges: [{ id: 'e1', source: 'signup', target: 'hello' }],
  settings: { reentry: { mode: 'never' } },
};

describe('approvals', () => {
  it("holds the marketer's publish until the owner approves it with a comment; the journey then runs", async () => {
    await open(owner, '#/approvals');
    const rules = owner.getByTestId('approval-rules');
    await rules.getByLabel('To publish a journey').check();
    await rules.getByLabel('Broadcast approval threshold').fill('2');
    await rules.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owner.getByTestId('approvals-banner').innerText()).toBe('Saved when approval is needed.');
    expect(await owner.getByTestId('approvals-empty').innerText()).toBe('Nothing waits for approval.');

    const graph = structuredClone(welcome);
    (graph.nodes[1]!.data as { channelAccountId: string }).channelAccountId = wecom;
    const journey = (await asMarketer('post', '/api/journeys', { name: 'Welcome', graph })).id as string;
    await open(marketer, `#/journeys/${journey}`);
    await marketer.getByTestId('publish').click();
    await expect
      .poll(() => marketer.getByTestId('banner').innerText())
      .toBe('Sent for approval: an admin approves it on the Approvals page before it runs.');
    expect((await asMarketer('get', `/api/journeys/${journey}`)).status).toBe('draft');

    await owner.reload();
    const row = owner.locator('[data-testid="approval-row"][data-name="Welcome"]');
    await expect.poll(() => row.innerText()).toContain('Journey publish');
    expect(await row.innerText()).toContain('Mia');
    // A marketer sees what waits but cannot decide.
    await open(marketer, '#/approvals');
    await expect.poll(() => marketer.getByTestId('approvals-pending').innerText()).toContain('Welcome');
    expect(await marketer.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    await row.getByLabel('Comment on Welcome').fill('Looks good, ship it');
    await row.getByRole('button', { name: 'Approve' }).click();
    const banner = owner.getByTestId('approvals-banner');
    await expect.poll(() => banner.innerText()).toBe('Approved “Welcome”: it is live.');
    const decided = owner.getByTestId('approvals-decided');
    await expect.poll(() => decided.innerText()).toMatch(/Welcome\s+Approved\s+.+\s+Looks good, ship it/);
    expect((await asMarketer('get', `/api/journeys/${journey}`)).status).toBe('active');

    await api('POST', '/api/events', { id: 'ann-signs-up', type: 'signed_up', contact: { externalId: 'ann' } });
    await drainOnce(h.deps);
    await expect
      .poll(() => sandbox.store.query({ method: 'agent', recipient: 'wm-ann' }).map((m) => m.content), {
        timeout: 20_000,
      })
      .toEqual(['Welcome aboard']);
  });

  it('holds a broadcast above the threshold; rejected with a comment, it never sends', async () => {
    const broadcast = await asMarketer('post', '/api/broadcasts', {
      name: 'Flash sale',
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Everything half price' }],
      audience: { kind: 'all' },
      sendType: 'immediate',
    });
    expect(broadcast.status).toBe('awaiting_approval');
    await open(owner, '#/approvals');
    const row = owner.locator('[data-testid="approval-row"][data-name="Flash sale"]');
    await expect.poll(() => row.innerText()).toContain('Broadcast to 3 contacts');
    // Rejecting needs a reason.
    expect(await row.getByRole('button', { name: 'Reject' }).isDisabled()).toBe(true);
    await row.getByLabel('Comment on Flash sale').fill('Not during the holiday');
    await row.getByRole('button', { name: 'Reject' }).click();
    await expect
      .poll(() => owner.getByTestId('approvals-banner').innerText())
      .toBe('Rejected “Flash sale”: nothing was sent.');
    await expect
      .poll(() => owner.getByTestId('approvals-decided').innerText())
      .toMatch(/Flash sale\s+Rejected\s+.+\s+Not during the holiday/);
    await open(owner, '#/broadcasts');
    await expect.poll(() => owner.locator('tr', { hasText: 'Flash sale' }).innerText()).toContain('Rejected');
    await drainOnce(h.deps);
    expect(sandbox.store.query({ method: 'agent' }).filter((m) => m.content === 'Everything half price')).toEqual([]);
  });
});

describe('API keys', () => {
  it('makes a key with a role (its secret shown once), shows its last use, and revokes it after asking', async () => {
    await open(owner, '#/api-keys');
    const form = owner.getByTestId('key-form');
    await form.getByLabel('Key name').fill('Shop events');
    await form.getByLabel('Key role').selectOption('marketer');
    await form.getByRole('button', { name: 'Create key' }).click();
    const secret = await owner.getByTestId('key-secret').locator('code').innerText();
    expect(await owner.getByTestId('key-secret').innerText()).toContain('Copy the key for “Shop events” now');
    const row = owner.locator('[data-testid="keys-table"] tr[data-name="Shop events"]');
    await expect.poll(() => row.innerText()).toMatch(/Shop events\s+\S+\s+Marketer\s+Admin\s+Never\s+Never/);
    expect(await row.innerText()).not.toContain(secret);

    const post = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: { authorization: `Bearer ${secret}` },
        payload: { id: 'bo-signs-up', type: 'signed_up', contact: { externalId: 'bo' } },
      });
    expect((await post()).statusCode).toBe(202);
    await owner.reload();
    await expect.poll(() => row.innerText()).not.toMatch(/Admin\s+Never\s+Never/);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => owner.getByTestId('keys-banner').innerText()).toBe('Revoked "Shop events".');
    await expect.poll(() => row.innerText()).toContain('Revoked');
    await expect.poll(async () => (await post()).statusCode).toBe(401);
  });
});

describe('the audit page', () => {
  it('lists who did each of those things, filters by what and by who, and exports what it shows as CSV', async () => {
    await open(owner, '#/audit');
    const what = () =>
      owner.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-what')));
    await expect.poll(what).toContain('approvals reject');
    const listed = await what();
    for (const action of [
      'invitations create',
      'members join',
      'members update',
      'invitations delete',
      'members delete',
      'workspace update',
      'journeys publish_requested',
      'approvals approve',
      'broadcasts create',
      'approvals reject',
      'api-keys create',
      'api-keys revoke',
    ])
      expect(listed, action).toContain(action);
    const table = await owner.getByTestId('audit-table').innerText();
    expect(table).toContain('Mia');
    expect(table).toContain('Looks good, ship it');

    const filters = owner.getByTestId('audit-filters');
    await filters.getByLabel('What').selectOption('approvals');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(what).toEqual(['approvals reject', 'approvals approve']);

    await filters.getByLabel('What').selectOption('');
    await filters.getByLabel('Who').fill('Mia');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect
      .poll(async () => new Set(await what()))
      .toEqual(
        // The canvas saves the draft before it asks to publish: the update is Mia's too.
        new Set([
          'members join',
          'journeys create',
          'journeys update',
          'journeys publish_requested',
          'broadcasts create',
        ]),
      );

    // The export carries the filters shown: Mia's writes, with who, where and what.
    const href = (await owner.getByTestId('audit-export').getAttribute('href'))!;
    const csv = await (await owner.request.get(new URL(href, base).toString())).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('at,actorKind,actorName,ip,resource,resourceId,action,summary');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 3).join(','))).toEqual(
      Array.from({ length: lines.length - 1 }, () => 'member,Mia'),
    );
    expect(lines.filter((l) => l.includes(',journeys,') && l.includes(',publish_requested,'))).toHaveLength(1);
  });
});

describe('workspaces', () => {
  it('creates workspaces as instance administrator; their owner joins, or one switches to it', async () => {
    await open(owner, '#/workspaces');
    const form = owner.getByTestId('workspace-form');
    await form.getByLabel('Workspace name').fill('Second shop');
    await form.getByLabel("Owner's email").fill('sam@second.test');
    await form.getByRole('button', { name: 'Create workspace' }).click();
    await expect
      .poll(() => owner.getByTestId('workspaces-banner').innerText())
      .toBe('Created “Second shop”: sam@second.test is invited as its owner by email.');
    const row = owner.locator('[data-testid="workspaces-table"] tr', { hasText: 'Second shop' });
    await expect.poll(() => row.innerText()).toContain('invited, not joined yet');

    // Its owner joins from the emailed link and lands in the new workspace.
    const sam = await browser.newPage();
    await sam.goto(await emailedLink('sam@second.test'));
    await sam.getByLabel('Your name').fill('Sam');
    await sam.getByLabel('Password (12 characters or more)').fill('the second owner password');
    await sam.getByLabel('The same password again').fill('the second owner password');
    await sam.getByRole('button', { name: 'Join Second shop' }).click();
    await sam.getByRole('heading', { name: 'Journeys' }).waitFor();
    expect(await sam.locator('nav').innerText()).toContain('Sam · Second shop');
    await sam.close();
    await owner.reload();
    await expect.poll(() => row.innerText()).toMatch(/Second shop\s+sam@second.test\s+1/);

    await form.getByLabel('Workspace name').fill('Third shop');
    await form.getByLabel("Owner's email").fill(h.email);
    await form.getByRole('button', { name: 'Create workspace' }).click();
    await expect
      .poll(() => owner.getByTestId('workspaces-banner').innerText())
      .toBe(`Created “Third shop”: ${h.email} already signs in here and owns it now.`);
    await owner.reload();
    await owner.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Third shop (owner)' });
    await expect.poll(() => owner.locator('nav').innerText()).toContain('· Third shop');
    // A workspace of its own: none of the first one's journeys.
    await open(owner, '#/journeys');
    await expect.poll(() => owner.locator('.content').innerText()).toContain('No journeys yet');
  });
});
