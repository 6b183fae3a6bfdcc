import { useEffect, useState, type FormEvent } from 'react';
import { teamRoutes, type RouteOutput } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { roleLabel } from '../words/labels';
import { Trans, useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';

type Preview = RouteOutput<typeof teamRoutes.previewInvitation>;

/**
 * The page an invitation link opens (`#/invitation/<token>`; the token stays in the fragment, so it
 * never reaches a server log): who invites whom to what, then a new name and password — or, for an
 * email that already signs in here, that password — and the person is signed in to the workspace.
 */
export function InvitationPage({ token, onJoined }: { token: string; onJoined(): void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call(teamRoutes.previewInvitation, { body: { token } })
      .then(setPreview)
      .catch((e: unknown) => setError(errorText(e)));
  }, [token]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    if (!preview?.existingUser && password !== again) {
      setError(t('invitation.differ'));
      return;
    }
    if (!preview?.existingUser && password.length < 12) {
      setError(t('invitation.short'));
      return;
    }
    setBusy(true);
    try {
      await call(teamRoutes.acceptInvitation, {
        body: { token, password, ...(preview?.existingUser ? {} : { name: name.trim() }) },
      });
      location.hash = '#/journeys';
      onJoined();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="login" onSubmit={(e) => void submit(e)} data-testid="invitation">
      <h1>Herald</h1>
      <LanguageSwitch remember={false} />
      {!preview && !error && <p className="loading">{t('common.loading')}</p>}
      {preview && (
        <p>
          <Trans
            i18nKey="invitation.invited"
            values={{
              workspace: preview.workspaceName,
              role: roleLabel(preview.role).toLowerCase(),
              email: preview.email,
            }}
            components={{ strong: <strong /> }}
          />{' '}
          {preview.existingUser ? t('invitation.existing') : t('invitation.new')}
        </p>
      )}
      {preview && !preview.existingUser && (
        <label>
          {t('invitation.name')}
          <input name="name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} required />
        </label>
      )}
      {preview && (
        <label>
          {preview.existingUser ? t('invitation.password') : t('invitation.newPassword')}
          <input
            name="password"
            type="password"
            autoComplete={preview.existingUser ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
      )}
      {preview && !preview.existingUser && (
        <label>
          {t('invitation.again')}
          <input
            name="again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
        </label>
      )}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <button className="primary" type="submit" disabled={busy}>
          {t('invitation.join', { workspace: preview.workspaceName })}
        </button>
      )}
    </form>
  );
}
