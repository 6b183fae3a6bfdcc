import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'aria-label' | 'children'>;

/**
 * A labelled input of the inspector: the words above, the input (any of its attributes: type, bounds,
 * placeholder) handing back what is typed, and after it any help the caller gives.
 */
export function InputField({
  label,
  ariaLabel,
  value,
  onChange,
  children,
  ...input
}: InputProps & {
  label: string;
  ariaLabel?: string;
  value: string | number;
  onChange(text: string): void;
  children?: ReactNode;
}) {
  return (
    <label>
      {label}
      <input {...input} aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)} />
      {children}
    </label>
  );
}
