// The timer that heartbeats for a long activity stops once the work shows no progress for a minute: a call
// stuck for good then lets the server time the attempt out and retry it, instead of a 10-minute wait
// (a schedule's occurrence sat with 4,549 rows open for 8 minutes after a Temporal restart). Runs in the
// SDK's own activity environment (MockActivityEnvironment: a real activity Context without a server),
// on fake timers.
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { heartbeat, heartbeating } from '@herald/activities';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('heartbeats for work that shows progress, and stops a minute after the last sign of it', async () => {
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => beats.push(details));
  const gates = [0, 1].map(() => {
    let open: () => void = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  });
  const running = env.run(() =>
    heartbeating(async () => {
      heartbeat({ page: 1 });
      await gates[0]!.opened; // a call that does not come back
      heartbeat({ page: 2 });
      await gates[1]!.opened;
      return 'done';
    }),
  );
  await vi.advanceTimersByTimeAsync(30_000);
  // 1 explicit beat, then one every 5 s within the minute since it.
  expect(beats.length).toBe(1 + 6);
  await vi.advanceTimersByTimeAsync(120_000);
  // Beats until 60 s after the last progress (55 s is the last tick inside it), none after.
  expect(beats.length).toBe(1 + 11);
  gates[0]!.open();
  await vi.advanceTimersByTimeAsync(10_000);
  // Progress again: its own beat, and the timer beats again.
  expect(beats.length).toBe(1 + 11 + 1 + 2);
  gates[1]!.open();
  await expect(running).resolves.toBe('done');
});
