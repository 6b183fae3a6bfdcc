import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freePort, repoRoot } from '@herald/runtime';
import { buildApp } from '@herald/api';
import type { ApiHarness } from '../api/api-harness';

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
