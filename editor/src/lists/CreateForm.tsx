import type { ReactNode } from 'react';

/**
 * A one-line form above a list that makes a new row: its fields, the primary button (off until the
 * fields are `ready`), then a `hint` on what is chosen. `narrow` keeps a single short field short.
 */
export function CreateForm({
  testId,
  submit,
  ready = true,
  narrow = false,
  hint,
  onCreate,
  children,
}: {
  testId?: string;
  submit: string;
  ready?: boolean;
  narrow?: boolean;
  hint?: ReactNode;
  onCreate(): Promise<unknown>;
  children: ReactNode;
}) {
  return (
    <form
      className="row"
      style={narrow ? { maxWidth: 480, marginBottom: 12 } : { marginBottom: 12 }}
      onSubmit={(e) => {
        e.preventDefault();
        void onCreate();
      }}
      data-testid={testId}
    >
      {children}
      <button type="submit" className="primary" disabled={!ready}>
        {submit}
      </button>
      {hint !== undefined && <span className="muted small">{hint}</span>}
    </form>
  );
}
