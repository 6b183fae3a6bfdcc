import { useState } from 'react';
import { workspaceRoutes } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useConfirm } from '../../components/ConfirmDialog';

/** Where forms post their submissions, and the secret they sign them with (made here, shown once). */
export function FormsSecretSection() {
  const [made, setMade] = useState<{ secret: string; path: string } | null>(null);
  const [error, setError] = useState('');
  const { confirm, dialog } = useConfirm();
  const rotate = async () => {
    const ok = await confirm({
      title: 'Make a new forms secret?',
      body: 'Forms signing with the current secret are refused from now on, until they use the new one.',
      confirm: 'Make a new secret',
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
    <section className="card" style={{ maxWidth: 560, marginTop: 16 }} aria-label="Forms">
      <h3>Forms</h3>
      <p className="muted">
        Your form service posts each submission, signed with the forms secret, to the forms address followed by the
        form’s id. A journey that starts on “Form submitted” names that id.
      </p>
      {made ? (
        <div data-testid="forms-secret">
          <p>
            Forms address: <code>{`${location.origin}${made.path}`}</code>…
          </p>
          <p>
            New secret (shown only now): <code>{made.secret}</code>
          </p>
        </div>
      ) : null}
      <button type="button" onClick={() => void rotate()}>
        Make a new forms secret
      </button>
      {error && <p className="banner error">{error}</p>}
      {dialog}
    </section>
  );
}
