// What the journey faults share: their shape (a scenario on a journey of its own, with its checks and
// its row in the record), the messages they watch, and a worker kill that notes what the dead worker
// left unsettled in the ledger — the only rows its page's retry may call the provider for again.
import type { Figure } from '../bench/results';
import type { FaultEnv } from './env';
import type { Check } from './tallies';
import { messageChecks, unsettledRows, type KillMark, type StepLedger, type Watched } from './journey-watch';

/** What a journey scenario found: its checks, its row in the record, people messaged twice per message. */
export interface JourneyOutcome {
  checks: Check[];
  row: Record<string, Figure>;
  receivedTwice: number;
  carriedTwice: number;
}

/** A fault struck on a journey of its own, set up through the API. */
export interface JourneyFault {
  name: string;
  what: string;
  run(env: FaultEnv, sizes: JourneySizes, log: (line: string) => void): Promise<JourneyOutcome>;
}

/** How many contacts each journey fault's journey has. */
export interface JourneySizes {
  /** Contacts of the wait → split journey (worker kills). */
  journey: number;
  /** Contacts of each occurrence of the repeating schedule (Temporal restart). */
  occurrence: number;
}

/** 1..n. */
export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** A share as a whole percentage. */
export const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;
/** A WeCom agent text of the journey to watch at the sandbox, and who must get it. */
export const watch = (nodeId: string, account: string, content: string, expected: Iterable<string>): Watched => ({
  nodeId,
  filter: { channel: 'wecom', method: 'agent', account, content },
  expected: new Set(expected),
  calls: 0,
});

/** Sums the message checks of a scenario into its outcome's figures. */
export function tallyMessages(
  env: FaultEnv,
  watched: Watched[],
  ledger: Map<string, StepLedger>,
  stats: Record<string, { sent: number } | undefined>,
  kills: KillMark[],
) {
  const checks: Check[] = [];
  let carriedTwice = 0;
  let receivedTwice = 0;
  for (const w of watched) {
    const m = messageChecks(env, w, ledger.get(w.nodeId), stats[w.nodeId]?.sent, kills);
    checks.push(...m.checks);
    carriedTwice += m.carriedTwice;
    receivedTwice += m.receivedTwice;
  }
  return { checks, carriedTwice, receivedTwice };
}

/** Kills the worker, reads what it left unsettled while it is dead, restarts it; logs each step. */
export async function killWorker(
  env: FaultEnv,
  journeyId: string,
  where: string,
  log: (line: string) => void,
): Promise<KillMark> {
  await env.worker.kill('SIGKILL');
  const unsettled = await unsettledRows(env, journeyId);
  // Calls the sandbox took until now came from the dead worker (its last bytes included); none from the next.
  const at = Date.now();
  const open = [...unsettled].map(([node, s]) => `${node} ${s.size}`).join(', ') || 'none';
  log(`SIGKILL to the worker process group ${where}; rows it left unsettled: ${open}`);
  log(`worker restarted in ${await env.worker.start()} ms`);
  return { at, unsettled };
}
