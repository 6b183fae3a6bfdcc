import { useEffect, useState, type FormEvent } from 'react';
import { teamRoutes, type RouteOutput } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { roleLabel } from '../words/labels';

type Preview = RouteOutput<typeof teamRoutes.previewInvitation>;

/**
 * The page an invitation link opens (`#/invitation/<token>`; the token stays in the fragment, so it
 * never reaches a server log): who invites whom to what, then a new name and password — or, for an
 * email that already signs in here, that password — and the person is signed in to the workspace.
 */
export function InvitationPage({ token, onJoined }: { token: string; onJoined(): void }) {
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
      setError('The two passwords differ: type the same one twice.');
      return;
    }
    if (!preview?.existingUser && password.length < 12) {
      setError('Choose a password of at least 12 characters.');
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
      {!preview && !error && <p className="loading">Loading…</p>}
      {preview && (
        <p>
          You are invited to <strong>{preview.workspaceName}</strong> as {roleLabel(preview.role).toLowerCase()} (
          {preview.email}).{' '}
          {preview.existingUser
            ? 'You already sign in to Herald: give your password to join.'
            : 'Choose your name and a password to join.'}
        </p>
      )}
      {preview && !preview.existingUser && (
        <label>
          Your name
          <input name="name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} required />
        </label>
      )}
      {preview && (
        <label>
          {preview.existingUser ? 'Your password' : 'Password (12 characters or more)'}
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
          The same password again
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
          Join {preview.workspaceName}
        </button>
      )}
    </form>
  );
}
