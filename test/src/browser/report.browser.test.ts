// Conversions and a holdout, through the API a user has and the journey's report in a real browser:
// a real-time journey keeps half its entrants out, purchases posted as events convert both groups,
// and the report shows the funnel and the lift computed from exactly those contacts.
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
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => apiJson(h, method, url, body);

beforeAll(async () => {
  stack = await startBrowserStack('report', { sandbox: { confirmDelayMs: 0 } });
  ({ sandbox, h, base, page } = stack);
}, 120_000);

afterAll(async () => stack?.close());

describe('a journey report', () => {
  it('shows the funnel and the lift over a 50% holdout, from the purchases posted as events', async () => {
    // The WeCom app tells Herald when an employee has sent a message on.
    const wecom = await stack.wecomApp({ name: 'Report WeCom', corpId: 'corp-report', token: 'report-token' });
    const n = 24;
    // Agent messages go through the employee who owns each contact (the sandbox's employees send at once).
    await api('POST', '/api/employees', { wecomUserId: 'report-owner', name: 'Report Owner' });
    await api('POST', '/api/contacts/import', {
      contacts: Array.from({ length: n }, (_, i) => ({
        externalId: `shopper-${i}`,
        name: `Shopper ${i}`,
        identities: [{ kind: 'wecom_external_userid', value: `wm-shopper-${i}` }],
        owners: ['report-owner'],
      })),
    });
    const graph: JourneyGraph = {
      nodes: [
        { id: 'visit', kind: 'event', position: { x: 0, y: 0 }, data: { eventName: 'cart_abandoned', filters: [] } },
        {
          id: 'nudge',
          kind: 'send',
          position: { x: 0, y: 160 },
          data: {
            channelAccountId: wecom,
            channel: 'wecom',
            method: 'wecom_agent',
            type: 'contacts',
            messages: [{ type: 'text', text: 'Your cart misses you' }],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'visit', target: 'nudge' }],
      settings: { reentry: { mode: 'never' }, goalEvent: 'purchase', attributionDays: 3, holdoutPercent: 50 },
    };
    const id = (await api('POST', '/api/journeys', { name: 'Cart recovery', graph })).id as string;
    await api('POST', `/api/journeys/${id}/publish`);
    await api('POST', '/api/events', {
      events: Array.from({ length: n }, (_, i) => ({
        id: `cart-${i}`,
        type: 'cart_abandoned',
        contact: { externalId: `shopper-${i}` },
      })),
    });
    await drainOnce(h.deps);
    // Everyone entered: those kept out are recorded; the others got the nudge.
    const reportOf = async () =>
      (await api('GET', `/api/journeys/${id}/report`)) as {
        funnel: { entered: number; sent: number; delivered: number; converted: number };
        holdout: {
          holdout: { total: number; converted: number };
          treatment: { total: number; converted: number };
        } | null;
      };
    await expect
      .poll(
        async () => {
          const r = await reportOf();
          return r.funnel.entered + (r.holdout?.holdout.total ?? 0);
        },
        { timeout: 30_000 },
      )
      .toBe(n);
    // Delivered once each employee has sent the message on (the app's callback says so, after the contact has it).
    await expect
      .poll(async () => (await reportOf()).funnel.delivered, { timeout: 30_000 })
      .toBe((await reportOf()).funnel.entered);
    const nudged = new Set(sandbox.store.query({ method: 'agent' }).map((m) => m.recipient.replace('wm-', '')));
    const heldOut = Array.from({ length: n }, (_, i) => `shopper-${i}`).filter((c) => !nudged.has(c));
    expect(nudged.size).toBeGreaterThan(4);
    expect(heldOut.length).toBeGreaterThan(4);

    // The first half of the shoppers buy; a repeated purchase counts once.
    const buyers = Array.from({ length: n / 2 }, (_, i) => `shopper-${i}`);
    await api('POST', '/api/events', {
      events: buyers.map((c) => ({ id: `buy-${c}`, type: 'purchase', contact: { externalId: c } })),
    });
    await api('POST', '/api/events', { id: 'buy-again', type: 'purchase', contact: { externalId: 'shopper-0' } });
    await drainOnce(h.deps);
    const converted = {
      treatment: buyers.filter((c) => nudged.has(c)).length,
      holdout: buyers.filter((c) => !nudged.has(c)).length,
    };
    await expect.poll(async () => (await reportOf()).funnel.converted, { timeout: 30_000 }).toBe(converted.treatment);
    expect((await reportOf()).holdout).toMatchObject({
      treatment: { total: nudged.size, converted: converted.treatment },
      holdout: { total: heldOut.length, converted: converted.holdout },
    });

    await page.goto(`${base}/#/journeys/${id}`);
    await page.getByRole('button', { name: 'Report' }).click();
    const report = page.getByTestId('journey-report');
    await expect
      .poll(() => report.getByTestId('funnel-words').innerText())
      .toBe(
        `${nudged.size} entered → ${nudged.size} sent → ${nudged.size} delivered → 0 read → ` +
          `${converted.treatment} converted`,
      );
    const lift = await report.getByTestId('lift').innerText();
    expect(lift).toContain(`Entered: ${nudged.size}, ${converted.treatment} converted`);
    expect(lift).toContain(`Held out: ${heldOut.length}, ${converted.holdout} converted`);
    expect(lift).toMatch(/95% interval/);
    await expect.poll(() => report.getByRole('img', { name: 'Funnel' }).count()).toBe(1);
  });
});
