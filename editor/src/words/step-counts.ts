import type { NodeCounts } from '@herald/api/contracts';
import { i18n } from '../i18n/i18n';

/** One figure on a step, in a few words: "3 waiting", "12 sent". */
export interface CountWord {
  key: keyof NodeCounts;
  text: string;
}

/**
 * The figures a step shows, in short words: how many entered, how many wait there now, and for a
 * message step how many were sent, failed or skipped, and how many reached the journey's goal here. Zeros
 * are left out except "sent" on a message step and "entered", which say that nothing happened yet.
 */
export function countWords(counts: NodeCounts, isSend: boolean): CountWord[] {
  const rows: Array<[key: 'entered' | 'waiting' | 'sent' | 'failed' | 'skipped' | 'converted', shown: boolean]> = [
    ['entered', true],
    ['waiting', counts.waiting > 0],
    ['sent', isSend],
    ['failed', counts.failed > 0],
    ['skipped', counts.skipped > 0],
    ['converted', counts.converted > 0],
  ];
  return rows
    .filter(([, shown]) => shown)
    .map(([key]) => ({ key, text: i18n.t(`labels.stepCount.${key}`, { count: counts[key] }) }));
}
