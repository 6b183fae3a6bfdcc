// Segments, Liquid and test sends in a real browser, against the sandbox as the platform: a segment
// with an event condition built on the Segments page (live count), used as a broadcast's audience and
// as the trigger of a real-time journey; a Liquid message with a default and a filter previewed for a
// chosen contact and sent; a test send that reaches its contact and leaves every statistic untouched.
// Contacts, tags, attributes and events are set up through the API a user has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { drainOnce } from '@herald/api';
import type { JourneyGraph } from '@herald/engine';
import type { Sandbox } from '@herald/sandbox';
import { apiJson, type ApiHarness } from '../api/api-harness';
import { startBrowserStack, type BrowserStack } from './browser';

let stack: BrowserStack;
let sandbox: Sandbox;
let page: Page;
let h: ApiHarness;
let base: string;
let wecom = '';
const ids: Record<string, string> = {};
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);
/** The texts the sandbox's WeCom app delivered to a fan, in order. */
const inbox = (fan: string) => sandbox.store.query({ method: 'agent', recipient: fan }).map((m) => m.content);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString();

beforeAll(async () => {
  stack = await startBrowserStack('targeting', { sandbox: { confirmDelayMs: 0 } });
  ({ sandbox, h, base, page } = stack);
  // The WeCom app tells Herald when an employee has sent a message on.
  wecom = await stack.wecomApp({ name: 'Club WeCom', corpId: 'corp-club', token: 'club-token' });
  // Agent messages go through the employee who owns each contact (the sandbox's employees send them on).
  await api('POST', '/api/employees', { wecomUserId: 'club-owner', name: 'Club Owner' });
  const person = (key: string, name: string, extra: Record<string, unknown> = {}) => ({
    externalId: key,
    name,
    identities: [{ kind: 'wecom_external_userid', value: `wm-${key}` }],
    owners: ['club-owner'],
    ...extra,
  });
  await api('POST', '/api/contacts/import', {
    contacts: [
      person('ann', 'Ann', { tags: ['vip'], attributes: { nickname: 'annie' } }),
      person('ben', 'Ben', { tags: ['vip'] }),
      person('cat', 'Cat'),
      person('dan', 'Dan', { tags: ['vip'] }),
      person('me', 'Me', {
        identities: [
          { kind: 'wecom_external_userid', value: 'wm-me' },
          { kind: 'email', value: h.email },
        ],
      }),
    ],
  });
  for (const c of (await api('GET', '/api/contacts?limit=50')).items as Array<{ id: string; externalId: string }>)
    ids[c.externalId] = c.id;
  // Ann bought yesterday: she is a recent VIP buyer from the start.
  await api('POST', '/api/events', {
    id: 'ann-1',
    type: 'purchase',
    contact: { externalId: 'ann' },
    occurredAt: yesterday(),
  });
  await drainOnce(h.deps);
}, 120_000);

afterAll(async () => stack?.close());

/** Starts a broadcast on the new-broadcast page: WeCom agent messages through the club's account. */
async function newBroadcast(name: string) {
  await page.goto(`${base}/#/broadcasts/new`);
  const account = page.getByLabel('Channel account');
  await expect.poll(() => account.locator('option').allInnerTexts()).toContain('Club WeCom (WeCom)');
  await account.selectOption({ label: 'Club WeCom (WeCom)' });
  await page.getByLabel('Method').selectOption('wecom_agent');
  await page.getByLabel('Name', { exact: true }).fill(name);
}

describe('segments', () => {
  let segmentId = '';

  it('builds a segment with a tag and an event in 30 days, counted live, and saves it', async () => {
    await page.goto(`${base}/#/segments`);
    await page.getByRole('button', { name: 'New segment' }).click();
    await page.getByLabel('Segment name').fill('Recent VIP buyers');
    await page.getByRole('button', { name: '+ Tag' }).click();
    await page.getByLabel('Tag', { exact: true }).selectOption({ label: 'vip' });
    await expect.poll(() => page.getByTestId('segment-count').innerText()).toBe('3 contacts are in this segment now');
    await page.getByRole('button', { name: '+ Event' }).click();
    await expect.poll(() => page.getByTestId('segment-count').innerText()).toContain('Complete every condition');
    await page.getByLabel('Event name').fill('purchase');
    await expect.poll(() => page.getByTestId('segment-count').innerText()).toBe('1 contact is in this segment now');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await expect
      .poll(() => page.getByTestId('segments-banner').innerText())
      .toBe('Saved the segment "Recent VIP buyers".');
    segmentId = ((await api('GET', '/api/segments')).segments as Array<{ id: string }>)[0]!.id;
  });

  it('is the audience of a broadcast: only its member gets the message', async () => {
    await newBroadcast('To recent VIP buyers');
    await page.getByLabel('Audience').selectOption('segment');
    await page.getByLabel('Segment', { exact: true }).selectOption({ label: 'Recent VIP buyers' });
    await expect
      .poll(() => page.getByTestId('audience-count').innerText())
      .toBe('1 of 1 contact reachable on this channel');
    await page.getByLabel('Message 1').fill('Thanks for buying');
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText(), { timeout: 30_000 }).toBe('Completed');
    await expect.poll(() => inbox('wm-ann')).toEqual(['Thanks for buying']);
    for (const fan of ['wm-ben', 'wm-cat', 'wm-dan']) expect(inbox(fan)).toEqual([]);
  });

  it('triggers a journey when an event brings a contact in, and only then', async () => {
    const graph: JourneyGraph = {
      nodes: [
        { id: 'joins', kind: 'segment', position: { x: 0, y: 0 }, data: { segmentId } },
        {
          id: 'welcome',
          kind: 'send',
          position: { x: 0, y: 160 },
          data: {
            channelAccountId: wecom,
            channel: 'wecom',
            method: 'wecom_agent',
            type: 'contacts',
            messages: [{ type: 'text', text: 'Welcome to the buyers club' }],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'joins', target: 'welcome' }],
      settings: { reentry: { mode: 'always' } },
    };
    const id = (await api('POST', '/api/journeys', { name: 'Buyers club', graph })).id as string;
    // The canvas shows the trigger with its segment.
    await page.goto(`${base}/#/journeys/${id}`);
    await page.getByTestId('node-joins').click();
    await expect.poll(() => page.getByLabel('Segment', { exact: true }).inputValue()).toBe(segmentId);
    await api('POST', `/api/journeys/${id}/publish`);
    // Ben (vip) buys: he enters. Cat buys but has no tag; Ann was already in; Ben's second purchase is no entry.
    await api('POST', '/api/events', {
      events: [
        { id: 'ben-1', type: 'purchase', contact: { externalId: 'ben' } },
        { id: 'cat-1', type: 'purchase', contact: { externalId: 'cat' } },
        { id: 'ann-2', type: 'purchase', contact: { externalId: 'ann' } },
        { id: 'ben-2', type: 'purchase', contact: { externalId: 'ben' } },
      ],
    });
    await drainOnce(h.deps);
    await expect.poll(() => inbox('wm-ben'), { timeout: 30_000 }).toEqual(['Welcome to the buyers club']);
    // Sent once the employee has sent it on (the app's callback, just after the contact has it).
    await expect
      .poll(async () => ((await api('GET', `/api/journeys/${id}/report`)) as { funnel: object }).funnel)
      .toMatchObject({ entered: 1, sent: 1 });
    expect(inbox('wm-cat')).toEqual([]);
    expect(inbox('wm-ann')).toEqual(['Thanks for buying']);
  });
});

describe('Liquid and test sends', () => {
  it('previews a message with a default and a filter for a chosen contact, and sends each contact theirs', async () => {
    await newBroadcast('Nicknames');
    await page.getByLabel('Audience').selectOption('contacts');
    await page.getByLabel('Find contacts').fill('');
    for (const name of ['Ann', 'Cat']) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
    await page.getByLabel('Message 1').fill('Hi {{ contact.attributes.nickname | default: contact.name | upcase }}!');
    const bubble = page.getByTestId('preview-bubble');
    await expect.poll(() => bubble.innerText()).toBe('Hi LI LEI!');
    await page.getByLabel('Find a contact to preview as').fill('Ann');
    await expect
      .poll(() => page.getByLabel('Preview as', { exact: true }).locator('option').allInnerTexts())
      .toContain('Ann');
    await page.getByLabel('Preview as', { exact: true }).selectOption({ label: 'Ann' });
    await expect.poll(() => bubble.innerText()).toBe('Hi ANNIE!');
    await expect
      .poll(() => page.getByTestId('preview-length').innerText())
      .toMatch(/^9 of [\d,]+ \w+ for this contact\.$/);
    await page.getByRole('button', { name: 'Create broadcast' }).click();
    await expect.poll(() => page.getByTestId('broadcast-status').innerText(), { timeout: 30_000 }).toBe('Completed');
    await expect.poll(() => inbox('wm-ann').at(-1)).toBe('Hi ANNIE!');
    await expect.poll(() => inbox('wm-cat')).toEqual(['Hi CAT!']);
  });

  it('sends a test to a chosen contact and to me, marked as a test: no statistic moves', async () => {
    const before = await api('GET', '/api/broadcasts');
    const timeline = async (key: string) => (await api('GET', `/api/contacts/${ids[key]}/timeline`)).items as unknown[];
    const danBefore = await timeline('dan');
    await newBroadcast('Not sent yet');
    await page.getByLabel('Message 1').fill('Test for {{ contact.name | default: "you" }}');
    await page.getByRole('button', { name: 'Send a test to me' }).click();
    await expect
      .poll(() => page.getByTestId('test-send-result').innerText())
      .toBe('Test sent to Me. It counts in no statistic or quota.');
    await expect.poll(() => inbox('wm-me')).toEqual(['Test for Me']);
    await page.getByLabel('Find a contact to preview as').fill('Dan');
    await expect
      .poll(() => page.getByLabel('Preview as', { exact: true }).locator('option').allInnerTexts())
      .toContain('Dan');
    await page.getByLabel('Preview as', { exact: true }).selectOption({ label: 'Dan' });
    await page.getByRole('button', { name: 'Send a test to this contact' }).click();
    await expect
      .poll(() => page.getByTestId('test-send-result').innerText())
      .toBe('Test sent to Dan. It counts in no statistic or quota.');
    await expect.poll(() => inbox('wm-dan')).toEqual(['Test for Dan']);
    // Nothing a report reads moved: no broadcast, no delivery on the contact's timeline, same counts.
    expect(await api('GET', '/api/broadcasts')).toEqual(before);
    expect(await timeline('dan')).toEqual(danBefore);
  });
});
