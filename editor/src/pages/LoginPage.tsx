import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text';
import { authRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import type { Me } from '../App';
import { PasswordField, SignInForm } from '../components/SignInForm';
import { ErrorBanner } from '../components/Banner';
import { InputField } from '../components/Field';

/** Sign-in for members. */
export function LoginPage({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      onSignedIn(await call(authRoutes.login, { body: { email, password } }));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <SignInForm onSubmit={submit}>
      <InputField
        label={t('login.email')}
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        onValue={setEmail}
        required
      />
      <PasswordField kind="current" label={t('login.password')} value={password} onValue={setPassword} />
      <ErrorBanner text={error} />
      <button className="primary" type="submit">
        {t('login.signIn')}
      </button>
    </SignInForm>
  );
}
