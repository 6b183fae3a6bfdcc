// The editor with a generated 500-node journey in real chromium: how long until it is open (every
// card on screen drawn, the whole journey validated), cold and warm, and how long Fit takes. Moved here
// from the browser tests, where a timing goal failed CI on a busy machine.
import { performance } from 'node:perf_hooks';
import { ensureEditorBuilt } from '@herald/editor/build';
import { apiJson, createApiHarness } from '../src/api/api-harness';
import { launchChromium, openSignedIn, viewportMoves } from '../src/browser/browser';
import { createLargeJourney, openedJourney } from '../src/browser/large-journey';
import type { Figure, startRun } from './results';

/** Opens the journey `opens` times (back to the list between) and presses Fit; checks what was shown. */
export async function canvasBench(
  run: ReturnType<typeof startRun>,
  o: { opens: number },
): Promise<Record<string, Figure>> {
  const built = await ensureEditorBuilt();
  console.log(`editor bundle ${built.built ? `built in ${built.ms} ms` : 'up to date'}`);
  const nodes = 500;
  const [h, browser] = await Promise.all([createApiHarness(null), launchChromium()]);
  const { app, page } = await openSignedIn(browser, h);
  try {
    const id = await createLargeJourney((method, url, body) => apiJson(h, method, url, body), nodes);
    const runs: number[] = [];
    let shown = { drawn: 0, edges: 0 };
    for (let i = 0; i < o.opens; i++) {
      await page.evaluate(() => {
        location.hash = '#/journeys';
      });
      await page.getByRole('heading', { name: 'Journeys' }).waitFor();
      const opened = await openedJourney(page, id, nodes);
      runs.push(opened.ms);
      shown = opened;
    }
    const issues = Number(await page.getByTestId('issues-panel').getAttribute('data-issue-count'));
    // Fit: from the click until the viewport's move ended and the cards now on screen are drawn.
    const moves = await viewportMoves(page);
    const started = performance.now();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForFunction(
      (after) =>
        Number(document.querySelector<HTMLElement>('main.flow')?.dataset.moves) > after &&
        [...document.querySelectorAll<HTMLElement>('.react-flow__node')].every((n) => n.style.visibility !== 'hidden'),
      moves,
      { timeout: 0 },
    );
    const fitMs = performance.now() - started;
    const fitDrawn = await page.locator('.react-flow__node').count();
    const sorted = [...runs].sort((a, b) => a - b);
    const ms = (x: number) => `${Math.round(x)} ms`;
    console.log(
      `${nodes}-node journey opened, drawn and validated in ${runs.map(ms).join(', ')} ` +
        `(first ${ms(runs[0]!)}, median ${ms(sorted[Math.floor(sorted.length / 2)]!)}); ` +
        `${shown.drawn} cards and ${shown.edges} edges on screen, ${issues} problem(s) listed; ` +
        `Fit (200 ms animation included) ${fitDrawn} cards drawn in ${ms(fitMs)}`,
    );
    // The generated 500-node journey leaves 50 branch ends open all over it: all listed means all validated.
    run.check(`the problems panel lists ${issues} problems of the 50 the journey has`, issues === 50);
    run.check(
      `it opens at its start: ${shown.drawn} cards, ${shown.edges} edges on screen`,
      shown.drawn >= 3 && shown.edges >= 2,
    );
    run.check(`Fit shows more of it: ${fitDrawn} cards`, fitDrawn > shown.drawn);
    return {
      nodes,
      opens: o.opens,
      firstMs: Math.round(runs[0]!),
      medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!),
      bestMs: Math.round(sorted[0]!),
      fitMs: Math.round(fitMs),
      drawn: shown.drawn,
      edges: shown.edges,
      issues,
    };
  } finally {
    await browser.close();
    await app.close();
    await h.close();
  }
}
