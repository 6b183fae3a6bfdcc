import type { NodeCounts } from '@herald/api/contracts';

/** One figure on a step, in a few words: "3 waiting", "12 sent". */
export interface CountWord {
  key: keyof NodeCounts;
  text: string;
}

/**
 * The figures a step shows, in short words: how many entered, how many wait there now, and for a
 * message step how many were sent, failed or skipped, and how many reached the journey's goal here. Zeros are left out except "sent" on a
 * message step and "entered", which say that nothing happened yet.
 */
export function countWords(counts: NodeCounts, isSend: boolean): CountWord[] {
  const n = (v: number) => v.toLocaleString('en');
  const words: CountWord[] = [{ key: 'entered', text: `${n(counts.entered)} entered` }];
  if (counts.waiting > 0) words.push({ key: 'waiting', text: `${n(counts.waiting)} waiting` });
  if (isSend) words.push({ key: 'sent', text: `${n(counts.sent)} sent` });
  if (counts.failed > 0) words.push({ key: 'failed', text: `${n(counts.failed)} failed` });
  if (counts.skipped > 0) words.push({ key: 'skipped', text: `${n(counts.skipped)} skipped` });
  if (counts.converted > 0) words.push({ key: 'converted', text: `${n(counts.converted)} reached the goal` });
  return words;
}
