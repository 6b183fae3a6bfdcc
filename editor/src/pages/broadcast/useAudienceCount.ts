import { useEffect, useState } from 'react';
import { broadcastRoutes } from '@herald/api/contracts';
import type { Audience, MethodId } from '@herald/engine';
import { call } from '../../api/client';

export type AudienceCount = { audience: number; reachable: number; sendable: number };

/** How many the audience holds, reaches on this channel and may still receive today (debounced). */
export function useAudienceCount(accountId: string, method: MethodId, audience: Audience): AudienceCount | null {
  const [count, setCount] = useState<AudienceCount | null>(null);
  const key = JSON.stringify(audience);
  useEffect(() => {
    if (!accountId) return;
    const timer = setTimeout(() => {
      void call(broadcastRoutes.preview, { body: { channelAccountId: accountId, method, audience: JSON.parse(key) } })
        .then(setCount)
        .catch(() => setCount(null));
    }, 300);
    return () => clearTimeout(timer);
  }, [accountId, method, key]);
  return count;
}
