import type { ReactNode } from 'react';

/** A one-line form above a list that adds a row: its fields, the submit button, then what is wrong with the fields. */
export function ToolbarForm({
  label,
  submit,
  problems,
  onSubmit,
  children,
}: {
  label: string;
  submit: string;
  /** The fields' problems in words, by field. */
  problems: Record<string, string>;
  onSubmit(): Promise<void>;
  children: ReactNode;
}) {
  return (
    <form
      className="row toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      aria-label={label}
    >
      {children}
      <button type="submit">{submit}</button>
      {Object.values(problems).map((p) => (
        <span key={p} className="field-error">
          {p}
        </span>
      ))}
    </form>
  );
}
