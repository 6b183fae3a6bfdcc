import type { EmployeeStatsRow as EmployeeRow } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { ListBody } from '../../components/Banner';
import { DataTable, type Column } from '../../lists/DataTable';

/**
 * Per owning employee (WeCom sends go through each contact's employee): waiting for them, sent by
 * them (delivery not known yet), delivered, undelivered — a group message the employee has not
 * confirmed counts as waiting, never as delivered.
 */
export function EmployeeTable({ rows }: { rows: EmployeeRow[] | null }) {
  const { t } = useTranslation();
  const columns: Column<EmployeeRow, never>[] = [
    { label: t('broadcasts.employees.employee'), cell: (r) => r.name },
    { label: t('broadcasts.employees.waiting'), cell: (r) => formatNumber(r.pending) },
    { label: t('broadcasts.employees.sent'), cell: (r) => formatNumber(r.sent) },
    { label: t('broadcasts.employees.delivered'), cell: (r) => formatNumber(r.delivered) },
    { label: t('broadcasts.employees.undelivered'), cell: (r) => formatNumber(r.undelivered) },
  ];
  return (
    <ListBody
      items={rows}
      loading={t('broadcasts.employees.loading')}
      empty={t('broadcasts.employees.none')}
      emptyTestId="employees-empty"
    >
      {(items) => (
        <>
          <DataTable
            testId="employees"
            columns={columns}
            rows={items}
            rowKey={(r) => r.employeeId ?? 'none'}
            rowProps={(r) => ({ 'data-employee': r.name })}
          />
          <p className="muted small">{t('broadcasts.employees.help')}</p>
        </>
      )}
    </ListBody>
  );
}
