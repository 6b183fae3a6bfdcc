import { sleep } from '@temporalio/workflow';

/** Sleeps for `ms` of workflow time and returns it: proves timers run on a real server. */
export async function smokeSleep(ms: number): Promise<number> {
  await sleep(ms);
  return ms;
}

/** Does nothing: the benchmark's measure of the server's bare workflow rate. */
export async function bareWorkflow(): Promise<void> {
  // Intentionally empty: one workflow task, then completion.
}
