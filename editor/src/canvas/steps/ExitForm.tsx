import { useTranslation } from 'react-i18next';
/** An exit: contacts leave the journey here. */
export function ExitForm() {
  const { t } = useTranslation();
  return <p className="muted">{t('canvas.exit')}</p>;
}
