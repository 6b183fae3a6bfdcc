// A generated journey of N nodes for the canvas, and the page's own signal that it is open: shared
// by the large-journey browser test and the canvas benchmark.
import type { Page } from 'playwright-core';
import { generatedJourney } from './generated-journey';

type Api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => Promise<{ id: string }>;

/** Creates two channel accounts (pointing nowhere) and a generated journey of `nodes` nodes; returns its id. */
export async function createLargeJourney(api: Api, nodes: number): Promise<string> {
  const account = async (kind: 'wecom' | 'wechat_service', settings: Record<string, unknown>) =>
    (
      await api('POST', '/api/channel-accounts', {
        kind,
        name: `Large ${kind}`,
        baseUrl: 'http://127.0.0.1:9',
        settings,
        credentials: { secret: 's' },
      })
    ).id;
  const wecom = await account('wecom', { corpId: 'corp-large', agentId: 1 });
  const wechat = await account('wechat_service', { appId: 'wx-large' });
  return (
    await api('POST', '/api/journeys', { name: `${nodes} steps`, graph: generatedJourney(nodes, { wechat, wecom }) })
  ).id;
}

/**
 * Opens the journey's route and resolves, inside the page, once the canvas holds every node, each
 * card on screen is drawn and measured (none hidden), no card appears or goes for two frames, and the
 * problems panel lists what the validator found. Returns the milliseconds that took and what is shown.
 */
export function openedJourney(
  page: Page,
  id: string,
  nodeCount: number,
): Promise<{ ms: number; drawn: number; edges: number }> {
  // A string, not a function: tsx (the benchmarks' runner) would add its own helpers to a function's source.
  return page.evaluate(`new Promise((resolve) => {
    const started = performance.now();
    location.hash = '#/journeys/${id}';
    let last = -1, same = 0;
    const tick = () => {
      const loaded = document.querySelector('[data-node-count="${nodeCount}"]')
        && document.querySelector('[data-testid="issues-panel"][data-issue-count]');
      const cards = [...document.querySelectorAll('.react-flow__node')];
      const drawn = cards.length > 0 && cards.every((n) => n.style.visibility !== 'hidden');
      same = loaded && drawn && cards.length === last ? same + 1 : 0;
      last = cards.length;
      const edges = document.querySelectorAll('.react-flow__edge').length;
      if (same >= 2) resolve({ ms: performance.now() - started, drawn: cards.length, edges });
      else requestAnimationFrame(tick);
    };
    tick();
  })`);
}
