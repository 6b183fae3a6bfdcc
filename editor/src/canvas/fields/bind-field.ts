// A step's field bound to an inspector input: what it holds as text, and how a change is written back.
import type { Data } from '../steps/types';

/** A field's value as the input shows it, and the writer of what is chosen or typed there. */
export interface Bound {
  value: string;
  onChange(text: string): void;
}

/** Binds the fields of one step's data: `field('url')` (or with what to show while unset) feeds an input. */
export const fieldsOf =
  (data: Data, set: (patch: Data) => void) =>
  (key: string, unset?: string): Bound => ({
    value: String(unset === undefined ? data[key] : (data[key] ?? unset)),
    onChange: (text) => set({ [key]: text }),
  });
