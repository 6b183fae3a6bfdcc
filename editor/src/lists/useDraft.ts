import { useState } from 'react';

/**
 * A form's text fields, kept together: `field(key)` binds an input to one (its value, and the writer of
 * what is typed), `reset()` empties them all once the form's row is made.
 */
export function useDraft<K extends string>(empty: Readonly<Record<K, string>>) {
  const [values, setValues] = useState(empty);
  const field = (key: K) => ({
    value: values[key],
    onValue: (text: string) => setValues((v) => ({ ...v, [key]: text })),
  });
  return { values, field, reset: () => setValues(empty) };
}
