// The editor's one i18next instance. i18next rather than FormatJS/react-intl: its `t` works outside React
// too (the words for codes in words/labels.ts are plain functions used by stores and tables), its JSON
// catalogues are what translators' tools read, plurals come from Intl.PluralRules, and react-i18next
// re-renders the components that read it when the language changes.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { memberLocale } from '@herald/api/contracts';
import { resources } from './resources';

/** The languages the editor speaks, as the API stores a member's choice. */
export const locales = memberLocale.unwrap().options;
/** One of the editor's languages. */
export type Locale = (typeof locales)[number];

/** The editor's language for a browser's preferred languages: Chinese for any zh, else English. */
export function browserLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: browserLocale(),
  fallbackLng: 'en',
  initAsync: false,
  returnNull: false,
  // React escapes what it renders; escaping here too would show &amp; to the marketer.
  interpolation: { escapeValue: false },
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

/** The language the editor speaks now. */
export const currentLocale = (): Locale => (i18n.language === 'zh-CN' ? 'zh-CN' : 'en');

/** Speaks `locale` from now on (every component reading a catalogue re-renders) and tells the page. */
export async function applyLocale(locale: Locale): Promise<void> {
  await i18n.changeLanguage(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export { i18n };

/** The catalogue's text for a key built from a code ("labels.status.draft"), or undefined when it has none. */
export function textOf(key: string, options?: Record<string, unknown>): string | undefined {
  if (!i18n.exists(key, options)) return undefined;
  return (i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options);
}
