// A step's field bound to an inspector input: what it holds as text, and how a change is written back.
import type { Bound } from '../../components/Field';
import type { Data } from './types';

/** Binds the fields of one step's data: `field('url')` (or with what to show while unset) feeds an input. */
export const fieldsOf =
  (data: Data, set: (patch: Data) => void) =>
  (key: string, unset?: string): Bound => ({
    value: String(unset === undefined ? data[key] : (data[key] ?? unset)),
    onValue: (text) => set({ [key]: text }),
  });
