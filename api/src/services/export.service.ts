import ExcelJS from 'exceljs';
import { exportColumns, insertExport, runExportRows, setExportStatus, type ExportRow, type HeraldDb } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError } from '../errors/herald-error';

/** A CSV cell; formula-looking text is prefixed so spreadsheets do not execute it. */
export const csvCell = (v: string) => {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The export as CSV text. */
export function toCsv(list: readonly ExportRow[]): string {
  return (
    [exportColumns.join(','), ...list.map((r) => exportColumns.map((k) => csvCell(r[k])).join(','))].join('\n') + '\n'
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

export type ExportFormat = 'csv' | 'xlsx';

/** A broadcast's export as a file. */
export interface ExportFile {
  filename: string;
  contentType: string;
  content: Buffer;
  rows: number;
}

/** Every recipient of a broadcast's run (none before it has one) as a CSV or XLSX file. */
export async function broadcastExport(
  db: HeraldDb,
  broadcast: { id: string; name: string },
  runId: string | undefined,
  format: ExportFormat,
): Promise<ExportFile> {
  const list = runId ? await runExportRows(db, { runId }) : [];
  return {
    filename: `broadcast-${broadcast.id}.${format}`,
    contentType:
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: format === 'csv' ? Buffer.from(toCsv(list)) : await toXlsx(list, broadcast.name),
    rows: list.length,
  };
}

/** Who asked for an emailed export, where it goes and in which form. */
export interface ExportEmail {
  workspaceId: string;
  memberId: string | null;
  format: ExportFormat;
  to: string[];
  subject: string;
}

/**
 * Emails a broadcast's export as an attachment and records it (`exports`: pending, then emailed or
 * failed). 503 when no SMTP server is configured; 502, recorded as failed, when the server refuses it.
 */
export async function emailExport(
  deps: Pick<AppDeps, 'db' | 'mailer'>,
  broadcast: { id: string; name: string },
  runId: string | undefined,
  email: ExportEmail,
): Promise<{ exportId: string; rows: number }> {
  const mailer = deps.mailer;
  if (!mailer) throw HeraldError.of('HERALD_ERR_EMAIL_UNAVAILABLE', {});
  const file = await broadcastExport(deps.db, broadcast, runId, email.format);
  const exportId = await insertExport(deps.db, {
    workspaceId: email.workspaceId,
    broadcastId: broadcast.id,
    format: email.format,
    rowCount: file.rows,
    emailedTo: email.to,
    subject: email.subject,
    createdBy: email.memberId,
  });
  try {
    await mailer.sendMail({
      to: email.to,
      subject: email.subject,
      text: `${broadcast.name}: ${file.rows} recipients, attached as ${email.format.toUpperCase()}.`,
      attachments: [{ filename: file.filename, content: file.content }],
    });
    await setExportStatus(deps.db, { id: exportId, status: 'emailed' });
  } catch (error) {
    await setExportStatus(deps.db, { id: exportId, status: 'failed' });
    throw HeraldError.of('HERALD_ERR_EMAIL_FAILED', { reason: (error as Error).message });
  }
  return { exportId, rows: file.rows };
}
