/** The export log (migration 0019): one row per export of the queue, opened before sending, closed after. */
import type { Selectable } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { ExportLogTable } from './schema.ts';

export type ExportLogRow = Selectable<ExportLogTable>;

export interface ExportStart {
  userId: string | null;
  userLabel: string;
  role: string;
  orgNodeId: string | null;
  subject: string;
  format: 'csv' | 'xlsx';
  filters: Record<string, unknown>;
  contactsUnmasked: boolean;
  at: Date;
}

export async function openExportLog(db: Db, e: ExportStart): Promise<string> {
  const row = await db
    .insertInto('export_log')
    .values({
      user_id: e.userId,
      user_label: e.userLabel,
      role: e.role,
      org_node_id: e.orgNodeId,
      subject: e.subject,
      format: e.format,
      filters: JSON.stringify(e.filters),
      contacts_unmasked: e.contactsUnmasked,
      started_at: e.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export async function closeExportLog(db: Db, id: string, end: { rows: number; outcome: 'completed' | 'aborted'; at: Date }): Promise<void> {
  await db.updateTable('export_log').set({ row_count: end.rows, outcome: end.outcome, finished_at: end.at }).where('id', '=', id).execute();
}

/** The newest exports first. */
export async function listExportLog(db: Db, limit = 100): Promise<ExportLogRow[]> {
  return db.selectFrom('export_log').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
