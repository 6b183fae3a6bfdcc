import type { ReactNode } from 'react';
import { errorText } from '../api/error-text';
import { useConfirm } from './ConfirmDialog';

/** What a dangerous action asks before it runs. */
export interface Ask {
  title: string;
  body: ReactNode;
  confirm: string;
}

/**
 * A page's actions (on its rows, on what is selected, a new row): one that cannot be undone asks first
 * (the confirm dialog, its button marked dangerous), then runs, says what it did and reads the page's
 * list again; a failure is said instead. The page shows `dialog`.
 */
export function usePageAction(
  say: (message: { kind: 'ok' | 'error'; text: string }) => void,
  reload: () => unknown = () => undefined,
) {
  const { confirm, dialog } = useConfirm();
  /**
   * Runs `work`, after `ask` when given; `said` is what it did in a sentence (from what `work` answered),
   * or null where the page shows the outcome otherwise.
   */
  const run = async <R>(work: () => Promise<R>, said: string | ((result: R) => string) | null, ask?: Ask) => {
    if (ask && !(await confirm({ ...ask, danger: true }))) return;
    try {
      const result = await work();
      if (said !== null) say({ kind: 'ok', text: typeof said === 'string' ? said : said(result) });
      await reload();
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  return { run, dialog };
}
