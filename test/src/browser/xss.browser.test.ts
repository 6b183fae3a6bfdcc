import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { addAccount, apiJson, createApiHarness, type ApiHarness } from '../api/api-harness';
import { launchChromium, openSignedIn } from './browser';

// Message content is data: a message whose text is markup must show as that text in the editor's
// preview and canvas, and nothing in it may run.
const payloads = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=2</script>',
  '<svg onload="window.__pwned=3"></svg>',
];
let browser: Browser;
let page: Page;
let h: ApiHarness;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  [h, browser] = await Promise.all([createApiHarness(), launchChromium()]);
  ({ app, base, page } = await openSignedIn(browser, h));
  page.on('dialog', (dialog) => {
    void dialog.dismiss();
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

describe('message content in the editor is escaped', () => {
  it('shows a message whose text is HTML as text in the preview, and runs none of it', async () => {
    const post = (url: string, body: unknown) => apiJson(h, 'POST', url, body);
    const wechat = await addAccount(h, { kind: 'wechat_service', name: 'OA <b>bold</b>' });
    const wecom = await addAccount(h, { kind: 'wecom', name: payloads[0]!, settings: { corpId: 'c', agentId: 1 } });
    const journey = await post('/api/journeys', {
      name: payloads[1],
      graph: {
        nodes: [
          { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
          {
            id: 'welcome',
            kind: 'send',
            position: { x: 0, y: 160 },
            data: {
              channelAccountId: wecom,
              channel: 'wecom',
              method: 'wecom_agent',
              type: 'contacts',
              messages: payloads.map((text) => ({ type: 'text', text })),
            },
          },
        ],
        edges: [{ id: 'e1', source: 'follow', target: 'welcome' }],
        settings: { reentry: { mode: 'never' } },
      },
    });
    expect(journey.id).toBeTruthy();
    // Saved as sent: the API stores the text unchanged (escaping is the renderer's job).
    const saved = await apiJson(h, 'GET', `/api/journeys/${journey.id}`);
    expect(saved.graph.nodes[1].data.messages[0].text).toBe(payloads[0]);

    await page.goto(`${base}/#/journeys/${journey.id}`);
    await page.getByTestId('node-welcome').click();
    const preview = page.getByTestId('message-preview');
    await expect.poll(() => preview.innerText()).toContain(payloads[0]);
    for (const text of payloads) expect(await preview.innerText()).toContain(text);
    await page.goto(`${base}/#/journeys`);
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    await expect.poll(() => page.locator('body').innerText()).toContain(payloads[1]);
    // No element a payload could run from was created (so no handler can fire later), and none ran.
    expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
