import { useEffect, useState } from 'react';
import { errorText } from '../api/error-text';

/**
 * A list a page reads when it opens and again after each change (`reload`); a failed read is handed
 * to `onError` in words. `items` is null until the first read answers.
 */
export function useList<T>(read: () => Promise<T[]>, onError: (text: string) => void) {
  const [items, setItems] = useState<T[] | null>(null);
  const reload = () =>
    read()
      .then(setItems)
      .catch((e: unknown) => onError(errorText(e)));
  useEffect(() => {
    void reload();
  }, []);
  return { items, reload };
}
