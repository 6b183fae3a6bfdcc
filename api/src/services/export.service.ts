import ExcelJS from 'exceljs';
import { sql, deliveryBatchJoin, deliverySentAt, deliveryStatus, type HeraldDb, rowsOf } from '@herald/db';

export const exportColumns = ['external_id', 'name', 'recipient', 'employee', 'status', 'reason', 'sent_at'] as const;
export type ExportRow = Record<(typeof exportColumns)[number], string>;

/** Every recipient of a run, as the export shows them. */
export async function exportRows(db: HeraldDb, runId: string): Promise<ExportRow[]> {
  return rowsOf<ExportRow>(
    await db.execute(sql`
    select coalesce(c.external_id, '') as external_id, coalesce(c.name, g.name, '') as name, coalesce(d.recipient, '') as recipient, coalesce(e.name, '') as employee,
      ${deliveryStatus} as status, coalesce(d.skip_reason, d.error_code, '') as reason, coalesce(to_char(${deliverySentAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '') as sent_at
    from deliveries d ${deliveryBatchJoin} left join contacts c on c.id = d.contact_id left join group_chats g on g.id = d.contact_id left join employees e on e.id = d.owner_employee_id
    where d.run_id = ${runId}::uuid order by d.id`),
  );
}

/** A CSV cell; formula-looking text is prefixed so spreadsheets do not execute it. */
const cell = (v: string) => {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The export as CSV text. */
export function toCsv(list: readonly ExportRow[]): string {
  return (
    [exportColumns.join(','), ...list.map((r) => exportColumns.map((k) => cell(r[k])).join(','))].join('\n') + '\n'
  );
}

/** The export as an XLSX workbook. */
export async function toXlsx(list: readonly ExportRow[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Recipients');
  sheet.columns = exportColumns.map((key) => ({
    header: key,
    key,
    width: key === 'name' || key === 'recipient' ? 28 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of list) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
