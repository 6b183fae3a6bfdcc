import { useState } from 'react';
import type { Account, SyncResult } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';

/** "Sync from WeCom" with the account to read (when there are several WeCom accounts). */
export function SyncButton({
  label,
  accounts,
  onSync,
}: {
  label: string;
  accounts: readonly Account[];
  onSync(accountId: string): Promise<SyncResult | void>;
}) {
  const wecom = accounts.filter((a) => a.kind === 'wecom' && !a.disabled);
  const { t } = useTranslation();
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  if (wecom.length === 0) return <span className="muted">{t('employees.syncNone')}</span>;
  const chosen = accountId || wecom[0]!.id;
  return (
    <span className="row">
      {wecom.length > 1 && (
        <select aria-label={t('employees.wecomAccount')} value={chosen} onChange={(e) => setAccountId(e.target.value)}>
          {wecom.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onSync(chosen).finally(() => setBusy(false));
        }}
      >
        {busy ? t('employees.syncing') : label}
      </button>
    </span>
  );
}
