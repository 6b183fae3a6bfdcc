import { errorText } from '../api/error-text';
import { useConfirm } from './ConfirmDialog';

/** What a dangerous action asks before it runs. */
export interface Ask {
  title: string;
  body: string;
  confirm: string;
}

/**
 * A page's actions on its rows: one that cannot be undone asks first (the confirm dialog, its button
 * marked dangerous), then runs, says what it did and reads the page's list again; a failure is said instead.
 * The page shows `dialog`.
 */
export function usePageAction(
  say: (message: { kind: 'ok' | 'error'; text: string }) => void,
  reload: () => Promise<unknown>,
) {
  const { confirm, dialog } = useConfirm();
  /** Runs `work` (which answers what it did, in a sentence), after `ask` when given. */
  const run = async (work: () => Promise<string>, ask?: Ask) => {
    if (ask && !(await confirm({ ...ask, danger: true }))) return;
    try {
      say({ kind: 'ok', text: await work() });
      await reload();
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  return { run, dialog };
}
