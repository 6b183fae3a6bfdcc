import { useState } from 'react';
import { workspaceRoutes } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useConfirm } from '../../components/ConfirmDialog';
import { useTranslation } from 'react-i18next';

/** Where forms post their submissions, and the secret they sign them with (made here, shown once). */
export function FormsSecretSection() {
  const { t } = useTranslation();
  const [made, setMade] = useState<{ secret: string; path: string } | null>(null);
  const [error, setError] = useState('');
  const { confirm, dialog } = useConfirm();
  const rotate = async () => {
    const ok = await confirm({
      title: t('settings.forms.rotateTitle'),
      body: t('settings.forms.rotateBody'),
      confirm: t('settings.forms.rotateConfirm'),
      danger: true,
    });
    if (!ok) return;
    try {
      setMade(await call(workspaceRoutes.rotateFormsSecret));
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="card" style={{ maxWidth: 560, marginTop: 16 }} aria-label={t('settings.forms.title')}>
      <h3>{t('settings.forms.title')}</h3>
      <p className="muted">{t('settings.forms.help')}</p>
      {made ? (
        <div data-testid="forms-secret">
          <p>
            {t('settings.forms.address')} <code>{`${location.origin}${made.path}`}</code>…
          </p>
          <p>
            {t('settings.forms.secret')} <code>{made.secret}</code>
          </p>
        </div>
      ) : null}
      <button type="button" onClick={() => void rotate()}>
        {t('settings.forms.rotate')}
      </button>
      {error && <p className="banner error">{error}</p>}
      {dialog}
    </section>
  );
}
