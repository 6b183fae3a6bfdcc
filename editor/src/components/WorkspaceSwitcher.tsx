import { useEffect, useState } from 'react';
import { governanceRoutes, type RouteOutput } from '@herald/api/contracts';
import { call } from '../api/client';
import { roleLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';

type Workspace = RouteOutput<typeof governanceRoutes.myWorkspaces>['items'][number];

/** The workspaces the signed-in person belongs to; choosing one signs them in there (the page starts over). */
export function WorkspaceSwitcher({ current, onSwitched }: { current: string; onSwitched(): void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Workspace[]>([]);
  useEffect(() => {
    call(governanceRoutes.myWorkspaces)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [current]);
  if (items.length < 2) return null;
  const choose = async (workspaceId: string) => {
    await call(governanceRoutes.switchWorkspace, { body: { workspaceId } });
    location.hash = '#/journeys';
    onSwitched();
  };
  return (
    <select aria-label={t('nav.workspace')} value={current} onChange={(e) => void choose(e.target.value)}>
      {items.map((w) => (
        <option key={w.id} value={w.id}>
          {w.name}
          {w.role ? t('nav.workspaceRole', { role: roleLabel(w.role).toLowerCase() }) : ''}
        </option>
      ))}
    </select>
  );
}
