// A generated 500-node journey opens in the canvas at its start, drawn, with every node validated.
// How fast is the benchmarks' business (`./herald bench --only canvas`); this test waits for the
// editor's signals only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { apiJson, createApiHarness, type ApiHarness } from '../api/api-harness';
import { launchChromium, openSignedIn, viewportMoves, viewportSettled } from './browser';
import { createLargeJourney, openedJourney } from './large-journey';

let browser: Browser;
let page: Page;
let h: ApiHarness;
let app: FastifyInstance;

beforeAll(async () => {
  [h, browser] = await Promise.all([createApiHarness(null), launchChromium()]);
  ({ app, page } = await openSignedIn(browser, h));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

describe('a 500-node journey in the canvas', () => {
  it('opens at its start, cards on screen drawn, all 500 nodes validated; Fit shows more of it', async () => {
    const id = await createLargeJourney((method, url, body) => apiJson(h, method, url, body), 500);
    const shown = await openedJourney(page, id, 500);
    const issues = Number(await page.getByTestId('issues-panel').getAttribute('data-issue-count'));
    // The generated journey leaves branch ends open all over it: listing them means the whole journey was validated.
    expect(issues).toBe(50);
    // It opens at its start: the trigger and the first steps, connected.
    expect(shown.drawn).toBeGreaterThanOrEqual(3);
    expect(shown.edges).toBeGreaterThanOrEqual(2);
    const moves = await viewportMoves(page);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await viewportSettled(page, moves);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(shown.drawn);
  });
});
