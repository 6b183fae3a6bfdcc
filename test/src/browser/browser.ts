import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freePort, repoRoot } from '@herald/runtime';
import { buildApp } from '@herald/api';
import type { ApiHarness } from '../api/api-harness';
import { startEngineStack, type EngineStack, type EngineStackOptions } from '../e2e/engine-stack';

/** Debian's chromium, headless, with no background networking (this machine has no internet). */
export function launchChromium(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  if (!executablePath)
    throw new Error("no chromium: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Where browser tests put their screenshots (ignored by git; the README's come from here). */
export function screenshotPath(name: string): string {
  const dir = join(repoRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/**
 * Serves the built editor from an app on the harness's dependencies (so the browser talks to the
 * same database and Temporal as the test), opens a page and signs in as the harness's member.
 */
export async function openSignedIn(
  browser: Browser,
  h: ApiHarness,
  viewport = { width: 1440, height: 880 },
): Promise<{ app: FastifyInstance; base: string; page: Page }> {
  const app = await buildApp(h.deps, { editorDir: join(repoRoot, 'editor/dist') });
  const base = await app.listen({ host: '127.0.0.1', port: await freePort() });
  const page = await browser.newPage({ viewport });
  await page.goto(base);
  await page.getByLabel('Email').fill(h.email);
  await page.getByLabel('Password').fill(h.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Journeys' }).waitFor();
  return { app, base, page };
}

/** An engine stack (see engine-stack.ts) with Chromium signed in to the editor it serves. */
export interface BrowserStack extends EngineStack {
  browser: Browser;
  /** The app serving the editor, at `base`. */
  app: FastifyInstance;
  base: string;
  page: Page;
}

/** Starts a browser test file's stack: the engine stack for `name`, Chromium, and a page signed in to the editor. */
export async function startBrowserStack(
  name: string,
  o: EngineStackOptions & { viewport?: { width: number; height: number } } = {},
): Promise<BrowserStack> {
  const [stack, browser] = await Promise.all([startEngineStack(name, o), launchChromium()]);
  const signedIn = openSignedIn(browser, stack.h, o.viewport);
  signedIn.catch(async () => {
    await browser.close();
    await stack.close();
  });
  const { app, base, page } = await signedIn;
  return {
    ...stack,
    browser,
    app,
    base,
    page,
    async close() {
      await browser.close();
      await app.close();
      await stack.close();
    },
  };
}

/** The canvas's count of drafts saved so far (its `data-saved-revision`). */
export async function savedRevision(page: Page): Promise<number> {
  return Number(await page.getByTestId('save-state').getAttribute('data-saved-revision'));
}

/**
 * Waits for the editor's own signal that the draft as drawn now is saved: a save completed after
 * revision `after` and nothing changed since (`data-state="saved"`). No clock: the test's timeout bounds it.
 */
export async function draftSaved(page: Page, after: number): Promise<void> {
  await page.waitForFunction(
    (after) => {
      const el = document.querySelector<HTMLElement>('[data-testid="save-state"]');
      return el?.dataset.state === 'saved' && Number(el.dataset.savedRevision) > after;
    },
    after,
    { timeout: 0 },
  );
}

/** How many viewport moves (pans, zooms, fits, animated or not) the canvas has finished (its `data-moves`). */
export async function viewportMoves(page: Page): Promise<number> {
  return Number(await page.locator('main.flow').getAttribute('data-moves'));
}

/** Waits until the canvas finished a viewport move after `after` (e.g. Fit's 200 ms animation). */
export async function viewportSettled(page: Page, after: number): Promise<void> {
  await page.waitForFunction(
    (after) => Number(document.querySelector<HTMLElement>('main.flow')?.dataset.moves) > after,
    after,
    { timeout: 0 },
  );
}
