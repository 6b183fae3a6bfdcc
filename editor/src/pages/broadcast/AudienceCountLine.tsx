import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import type { AudienceCount } from './useAudienceCount';

/** How many the audience reaches (contacts or group chats), and how many may still receive today when fewer. */
export function AudienceCountLine({ count, chats }: { count: AudienceCount | null; chats: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="audience-count">
      {count
        ? t(chats ? 'broadcasts.form.reachableChats' : 'broadcasts.form.reachable', {
            reachable: formatNumber(count.reachable),
            count: count.audience,
          }) +
          (count.sendable < count.reachable ? t('broadcasts.form.sendable', { n: formatNumber(count.sendable) }) : '')
        : t('segments.counting')}
    </p>
  );
}
