import type { InputHTMLAttributes } from 'react';
import { TextInput } from './Field';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'children' | 'aria-label'>;

/** A text field named by its label, which is its placeholder too unless one is given. */
export function NamedInput({ label, ...input }: InputProps & { label: string; onValue(text: string): void }) {
  return <TextInput aria-label={label} placeholder={label} {...input} />;
}
