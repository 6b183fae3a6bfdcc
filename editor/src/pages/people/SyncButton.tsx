import { useState } from 'react';
import type { Account } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/error-text';
import type { BannerMessage } from '../../components/Banner';

/**
 * "Sync from WeCom" with the account to read (when there are several WeCom accounts); `sync` answers
 * what it did in a sentence, said as the page's message, or its failure is.
 */
export function SyncButton({
  label,
  accounts,
  sync,
  say,
}: {
  label: string;
  accounts: readonly Account[];
  sync(accountId: string): Promise<string>;
  say(message: BannerMessage): void;
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
          void sync(chosen)
            .then((text) => say({ kind: 'ok', text }))
            .catch((err: unknown) => say({ kind: 'error', text: errorText(err) }))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t('employees.syncing') : label}
      </button>
    </span>
  );
}
