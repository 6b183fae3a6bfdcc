import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { authRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import type { Me } from '../App';

/** Sign-in for members. */
export function LoginPage({ onSignedIn }: { onSignedIn(me: Me): void }) {
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
      <label>
        Email
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
        Password
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
        Sign in
      </button>
    </form>
  );
}
