import type { BroadcastDetail } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../i18n/format';

type Card =
  'audience' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'waiting' | 'employees' | 'received' | 'read' | 'reply';
const pct = (x: number) => formatPercent(x, 0);

/**
 * A broadcast's numbers as the references show them: audience, sent, delivered, failed, skipped;
 * for sends through employees (WeCom) those still waiting and the employees who sent of those
 * asked; and the received (delivered ÷ audience), read and reply rates.
 */
export function StatCards({ stats: s }: { stats: BroadcastDetail['stats'] }) {
  const { t } = useTranslation();
  const throughEmployees = s.employees.asked > 0 || s.pendingEmployee > 0;
  const cards: Array<[Card, string]> = [
    ['audience', formatNumber(s.total)],
    ['sent', formatNumber(s.sent)],
    ['delivered', formatNumber(s.delivered)],
    ['failed', formatNumber(s.failed)],
    ['skipped', formatNumber(s.skipped)],
    ...(throughEmployees
      ? ([
          ['waiting', formatNumber(s.pendingEmployee)],
          [
            'employees',
            t('broadcasts.cards.ofAsked', {
              sent: formatNumber(s.employees.sent),
              asked: formatNumber(s.employees.asked),
            }),
          ],
        ] as Array<[Card, string]>)
      : []),
    ['received', pct(s.receivedRate)],
    ['read', pct(s.readRate)],
    ['reply', pct(s.replyRate)],
  ];
  return (
    <div className="cards">
      {cards.map(([k, v]) => (
        <div className="card" key={k} data-testid={`stat-${k}`}>
          <div className="card-label">{t(`broadcasts.cards.${k}`)}</div>
          <div className="card-value">{v}</div>
        </div>
      ))}
    </div>
  );
}
