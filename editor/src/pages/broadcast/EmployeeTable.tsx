import type { EmployeeStatsRow as EmployeeRow } from '@herald/api/contracts';

/**
 * Per owning employee (WeCom sends go through each contact's employee): waiting for them, sent by
 * them (delivery not known yet), delivered, undelivered — a group message the employee has not
 * confirmed counts as waiting, never as delivered.
 */
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
            <th>Waiting</th>
            <th>Sent</th>
            <th>Delivered</th>
            <th>Undelivered</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.employeeId ?? 'none'} data-employee={r.name}>
              <td>{r.name}</td>
              <td>{r.pending}</td>
              <td>{r.sent}</td>
              <td>{r.delivered}</td>
              <td>{r.undelivered}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Waiting: the employee has not sent it yet. Sent: the employee sent it, delivery not reported yet. Undelivered:
        failed, skipped, declined or expired.
      </p>
    </>
  );
}
