import { eq } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { exports as exportsTable, type exportFormats, type exportStatuses } from '../schema/deliveries';

/** An emailed export about to be sent. */
export interface NewExport {
  workspaceId: string;
  broadcastId: string;
  format: (typeof exportFormats)[number];
  rowCount: number;
  emailedTo: string[];
  subject: string;
  createdBy: string | null;
}

/** Records an export as `pending` (before it is emailed); returns its id. */
export async function insertExport(db: HeraldDb, p: NewExport): Promise<string> {
  const [row] = await db
    .insert(exportsTable)
    .values({ ...p, status: 'pending' })
    .returning({ id: exportsTable.id });
  return row!.id;
}

/** Sets how an export ended (emailed, or failed). */
export async function setExportStatus(
  db: HeraldDb,
  p: { id: string; status: (typeof exportStatuses)[number] },
): Promise<void> {
  await db.update(exportsTable).set({ status: p.status }).where(eq(exportsTable.id, p.id));
}
