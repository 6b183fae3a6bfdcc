import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../api/error-text';

export interface PageState<S extends string> {
  sort: S;
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * A list the server pages and sorts: the current sort, direction and page, a loader called with
 * them (and whatever the filters are), the page's rows and the total. Changing a filter goes back
 * to the first page; `reload` fetches the same page again.
 */
export function usePagedList<S extends string, T>(
  initial: PageState<S>,
  load: (page: PageState<S>) => Promise<{ items: T[]; total: number }>,
  filters: readonly unknown[],
) {
  const [page, setPage] = useState(initial);
  // The rows with the page they are (the page asked for may still be loading).
  const [rows, setRows] = useState<{ items: T[]; total: number; offset: number } | null>(null);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  // A new filter starts from the first page.
  useEffect(() => setPage((p) => ({ ...p, offset: 0 })), filters);
  useEffect(() => {
    let live = true;
    load(page)
      .then((r) => {
        if (!live) return;
        setRows({ ...r, offset: page.offset });
        setError('');
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [page, version, ...filters]);
  /** Sorts by a column: a second click on the same column reverses the direction. */
  const sortBy = useCallback(
    (sort: S) =>
      setPage((p) => ({
        ...p,
        sort,
        offset: 0,
        dir: p.sort === sort ? (p.dir === 'asc' ? 'desc' : 'asc') : sort === initial.sort ? initial.dir : 'asc',
      })),
    [initial.sort, initial.dir],
  );
  const goTo = useCallback((offset: number) => setPage((p) => ({ ...p, offset: Math.max(0, offset) })), []);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { page, rows, error, setError, sortBy, goTo, reload };
}
