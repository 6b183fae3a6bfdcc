import type { BroadcastDetail } from '@herald/api/contracts';
import { detailCardLabels as L, employeesWhoSent } from '../../words/broadcast-words';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A broadcast's numbers as the references show them: audience, sent, delivered, failed, skipped;
 * for sends through employees (WeCom) those still waiting and the employees who sent of those
 * asked; and the received (delivered ÷ audience), read and reply rates.
 */
export function StatCards({ stats: s }: { stats: BroadcastDetail['stats'] }) {
  const throughEmployees = s.employees.asked > 0 || s.pendingEmployee > 0;
  const cards: Array<[keyof typeof L, string | number]> = [
    ['audience', s.total],
    ['sent', s.sent],
    ['delivered', s.delivered],
    ['failed', s.failed],
    ['skipped', s.skipped],
    ...(throughEmployees
      ? ([
          ['waiting', s.pendingEmployee],
          ['employees', employeesWhoSent(s.employees.sent, s.employees.asked)],
        ] as Array<[keyof typeof L, string | number]>)
      : []),
    ['received', pct(s.receivedRate)],
    ['read', pct(s.readRate)],
    ['reply', pct(s.replyRate)],
  ];
  return (
    <div className="cards">
      {cards.map(([k, v]) => (
        <div className="card" key={k} data-testid={`stat-${k}`}>
          <div className="card-label">{L[k]}</div>
          <div className="card-value">{v}</div>
        </div>
      ))}
    </div>
  );
}
