import { useTranslation } from 'react-i18next';
import { authRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { applyLocale, currentLocale, locales, type Locale } from '../i18n/i18n';

/**
 * The editor's language: each language named in itself. A signed-in member's choice is kept through the
 * API, so it follows them to another browser; before sign-in it changes only this page.
 */
export function LanguageSwitch({ remember }: { remember: boolean }) {
  const { t } = useTranslation();
  const choose = async (locale: Locale) => {
    await applyLocale(locale);
    if (remember) await call(authRoutes.updateMe, { body: { locale } });
  };
  return (
    <select
      className="language-switch"
      aria-label={t('language.label')}
      value={currentLocale()}
      onChange={(e) => void choose(e.target.value as Locale)}
    >
      {locales.map((l) => (
        <option key={l} value={l}>
          {t(`language.${l}`)}
        </option>
      ))}
    </select>
  );
}
