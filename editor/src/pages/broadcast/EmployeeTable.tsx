import type { EmployeeStatsRow as EmployeeRow } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';

/**
 * Per owning employee (WeCom sends go through each contact's employee): waiting for them, sent by
 * them (delivery not known yet), delivered, undelivered — a group message the employee has not
 * confirmed counts as waiting, never as delivered.
 */
export function EmployeeTable({ rows }: { rows: EmployeeRow[] | null }) {
  const { t } = useTranslation();
  if (!rows) return <p className="loading">{t('broadcasts.employees.loading')}</p>;
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="employees-empty">
        {t('broadcasts.employees.none')}
      </p>
    );
  return (
    <>
      <table data-testid="employees">
        <thead>
          <tr>
            <th>{t('broadcasts.employees.employee')}</th>
            <th>{t('broadcasts.employees.waiting')}</th>
            <th>{t('broadcasts.employees.sent')}</th>
            <th>{t('broadcasts.employees.delivered')}</th>
            <th>{t('broadcasts.employees.undelivered')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.employeeId ?? 'none'} data-employee={r.name}>
              <td>{r.name}</td>
              <td>{formatNumber(r.pending)}</td>
              <td>{formatNumber(r.sent)}</td>
              <td>{formatNumber(r.delivered)}</td>
              <td>{formatNumber(r.undelivered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('broadcasts.employees.help')}</p>
    </>
  );
}
