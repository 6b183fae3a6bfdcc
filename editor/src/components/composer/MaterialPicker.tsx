import { useEffect, useState } from 'react';
import { isAllowedAttachment } from '@herald/engine';
import { materialRoutes, type Material } from '@herald/api/contracts';
import { call, callRaw } from '../../api/client';
import { errorText } from '../../api/error-text';
import type { AttachmentKind } from './message-types';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { ErrorBanner } from '../Banner';
import { useBusyAction } from '../useBusyAction';

/** Picks a material of a kind, or uploads one (to the WeChat account as well when it will send it). */
export function MaterialPicker({
  kind,
  accountId,
  onPick,
  onCancel,
}: {
  kind: AttachmentKind;
  accountId: string | undefined;
  onPick(m: Material): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Material[] | null>(null);
  const { busy, error, setError, run } = useBusyAction();
  useEffect(() => {
    void call(materialRoutes.list, { query: { kind, limit: 200 } })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, [kind]);
  // A WeChat account sends only what it holds as a permanent material.
  const usable = (items ?? []).filter(
    (m) => isAllowedAttachment(m.filename) && (!accountId || m.platformMediaIds[accountId]),
  );
  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (!isAllowedAttachment(file.name)) {
      setError(t('composer.pick.notAllowed', { ext: file.name.split('.').pop() ?? '' }));
      return;
    }
    await run(async () => {
      const form = new FormData();
      form.append('file', file, file.name);
      const title = file.name.replace(/\.[^.]+$/, '').slice(0, 64) || t('composer.type.video');
      onPick(
        await callRaw(materialRoutes.upload, form, {
          query: { kind, channelAccountId: accountId, ...(kind === 'video' ? { title } : {}) },
        }),
      );
    });
  };
  return (
    <div
      className="card picker"
      data-testid="material-picker"
      role="dialog"
      aria-label={t(`composer.pick.choose.${kind}`)}
    >
      <div className="row">
        <strong>{t(`composer.pick.choose.${kind}`)}</strong>
        <span className="spacer" />
        <button type="button" className="link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      {!items ? (
        <p className="loading">{t('common.loading')}</p>
      ) : usable.length === 0 ? (
        <p className="muted">{t(accountId ? 'composer.pick.noneOnAccount' : 'composer.pick.none')}</p>
      ) : (
        <ul className="plain">
          {usable.map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => onPick(m)}>
                {m.filename}
              </button>{' '}
              <span className="muted">{formatNumber(Math.ceil(m.size / 1024))} KB</span>
            </li>
          ))}
        </ul>
      )}
      <label>
        {t('composer.pick.upload')}
        <input
          type="file"
          aria-label={t(`composer.pick.uploadOne.${kind}`)}
          disabled={busy}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      </label>
      <ErrorBanner text={error} />
    </div>
  );
}
