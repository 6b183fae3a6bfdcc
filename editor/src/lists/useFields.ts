import { useState } from 'react';

/**
 * A few text fields kept together (a form's, a list's filters): `field(key)` binds an input or select
 * to one (its value, and the writer of what is typed or chosen), `reset()` sets them all back.
 */
export function useFields<K extends string>(initial: Readonly<Record<K, string>>) {
  const [values, setValues] = useState(initial);
  const field = (key: K) => ({
    value: values[key],
    onValue: (text: string) => setValues((v) => ({ ...v, [key]: text })),
  });
  return { values, field, reset: () => setValues(initial) };
}
