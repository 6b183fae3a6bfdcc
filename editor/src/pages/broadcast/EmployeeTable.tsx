import type { EmployeeStatsRow as EmployeeRow } from '@herald/api/contracts';

/** Delivered / undelivered per owning employee (WeCom sends go through each contact's employee). */
export function EmployeeTable({ rows }: { rows: EmployeeRow[] | null }) {
  if (!rows) return <p className="loading">Loading employees…</p>;
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="employees-empty">
        No sends through employees yet.
      </p>
    );
  return (
    <>
      <table data-testid="employees">
        <thead>
          <tr>
            <th>Employee</th>
            <th>Delivered</th>
            <th>Undelivered</th>
            <th>Delivery rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.employeeId ?? 'none'}>
              <td>{r.name}</td>
              <td>{r.delivered}</td>
              <td>{r.undelivered}</td>
              <td>
                {r.delivered + r.undelivered
                  ? `${Math.round((r.delivered / (r.delivered + r.undelivered)) * 100)}%`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Delivered: the channel took the message (sent, delivered, read or replied). Undelivered: failed, skipped or not
        sent yet.
      </p>
    </>
  );
}
