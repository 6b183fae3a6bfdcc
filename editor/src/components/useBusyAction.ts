import { useState } from 'react';
import { errorText } from '../api/error-text';

/**
 * An action a form runs (save, upload): `busy` while it runs (its button disabled), and `error` the
 * words of its last failure, cleared when it runs again.
 */
export function useBusyAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  /** Runs `work`, saying its failure in `error` instead of throwing. */
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
