import { useEffect, useState } from 'react';
import { broadcastRoutes, type BroadcastDetail } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { PageLoading } from '../components/Banner';
import { BroadcastForm } from './broadcast/BroadcastForm';

/**
 * New broadcast, or one filled from another: `copyOf` opens a copy of it (content and audience kept,
 * the time to set; nothing is sent until the user creates it); `editOf` edits a pending broadcast or
 * a draft (account and method stay; a draft is sent when saved).
 */
export function NewBroadcastPage({ copyOf, editOf }: { copyOf?: string; editOf?: string }) {
  const from = editOf ?? copyOf;
  const [start, setStart] = useState<BroadcastDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!from) return;
    void call(broadcastRoutes.get, { params: { id: from } })
      .then(setStart)
      .catch((e: unknown) => setError(errorText(e)));
  }, [from]);
  if (!from) return <BroadcastForm />;
  if (!start) return <PageLoading error={error} />;
  return editOf ? <BroadcastForm start={start} editing /> : <BroadcastForm start={start} />;
}
