import { useEffect, useState } from 'react';
import { contactRoutes, type ContactListItem } from '@herald/api/contracts';
import { call } from '../api/client';

/**
 * The first `limit` contacts whose name matches what is typed (all of them while nothing is), looked up
 * a moment after the typing stops so that a search does not go out per key; none while `off`.
 */
export function useContactSearch(search: string, limit: number, off = false): ContactListItem[] {
  const [found, setFound] = useState<ContactListItem[]>([]);
  useEffect(() => {
    if (off) return;
    const timer = setTimeout(() => {
      void call(contactRoutes.list, { query: { ...(search.trim() ? { search: search.trim() } : {}), limit } })
        .then((r) => setFound(r.items))
        .catch(() => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [search, limit, off]);
  return found;
}
