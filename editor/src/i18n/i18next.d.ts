// Types i18next's `t` by the English catalogue, so a key that does not exist fails the type check.
import 'i18next';
import type { Catalogue } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
    returnNull: false;
  }
}
