import { useEffect, useState, type FormEvent } from 'react';
import { teamRoutes, type RouteOutput } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { roleLabel } from '../words/labels';
import { Trans, useTranslation } from 'react-i18next';
import { PasswordField, SignInForm } from '../components/SignInForm';
import { ErrorBanner, Loading } from '../components/Banner';
import { InputField } from '../components/Field';

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
    <SignInForm onSubmit={submit} testId="invitation">
      {!preview && !error && <Loading />}
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
        <InputField label={t('invitation.name')} name="name" value={name} maxLength={120} onValue={setName} required />
      )}
      {preview && (
        <PasswordField
          kind={preview.existingUser ? 'current' : 'new'}
          label={preview.existingUser ? t('invitation.password') : t('invitation.newPassword')}
          value={password}
          onValue={setPassword}
        />
      )}
      {preview && !preview.existingUser && (
        <PasswordField kind="again" label={t('invitation.again')} value={again} onValue={setAgain} />
      )}
      <ErrorBanner text={error} />
      {preview && (
        <button className="primary" type="submit" disabled={busy}>
          {t('invitation.join', { workspace: preview.workspaceName })}
        </button>
      )}
    </SignInForm>
  );
}
