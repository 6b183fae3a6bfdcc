import type { FormEvent, ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';

/** The form of the pages a person signs in through (sign-in, an invitation): Herald's name, language, fields. */
export function SignInForm({
  onSubmit,
  testId,
  children,
}: {
  onSubmit(e: FormEvent): Promise<void>;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form className="login" onSubmit={(e) => void onSubmit(e)} data-testid={testId}>
      <h1>Herald</h1>
      <LanguageSwitch remember={false} />
      {children}
    </form>
  );
}

// What the browser's password manager should do with each field: fill the saved one, or offer a new one.
const passwordKinds = {
  current: { name: 'password', autoComplete: 'current-password' },
  new: { name: 'password', autoComplete: 'new-password' },
  again: { name: 'again', autoComplete: 'new-password' },
} as const;

/** A required password field: the one the person has, a new one, or the new one again. */
export function PasswordField({
  kind,
  label,
  value,
  onValue,
}: {
  kind: keyof typeof passwordKinds;
  label: string;
  value: string;
  onValue(value: string): void;
}) {
  const { name, autoComplete } = passwordKinds[kind];
  return (
    <label>
      {label}
      <input
        name={name}
        type="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        required
      />
    </label>
  );
}
