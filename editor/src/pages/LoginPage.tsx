import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text';
import { authRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import type { Me } from '../App';
import { LanguageSwitch } from '../components/LanguageSwitch';

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
    <form className="login" onSubmit={(e) => void submit(e)}>
      <h1>Herald</h1>
      <LanguageSwitch remember={false} />
      <label>
        {t('login.email')}
        <input
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </label>
      <label>
        {t('login.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit">
        {t('login.signIn')}
      </button>
    </form>
  );
}
