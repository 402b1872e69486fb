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

export interface ExportLogEntry extends ExportLogRow {
  user_name: string | null;
  user_email: string | null;
}

/**
 * The newest exports first, `limit` of them, after the id `beforeId` (the previous page's last): those
 * made by users at the nodes of `orgIds`, or every export when `orgIds` is null (the installation's
 * administrator). An export by a node-less account has no node and is shown to that administrator only.
 */
export async function listExportLog(
  db: Db,
  q: { orgIds: readonly string[] | null; limit: number; beforeId?: string },
): Promise<ExportLogEntry[]> {
  if (q.orgIds !== null && q.orgIds.length === 0) return [];
  let s = db
    .selectFrom('export_log as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .selectAll('e')
    .select(['u.name as user_name', 'u.email as user_email'])
    .orderBy('e.id', 'desc')
    .limit(q.limit);
  if (q.orgIds !== null) s = s.where('e.org_node_id', 'in', [...q.orgIds]);
  if (q.beforeId !== undefined) s = s.where('e.id', '<', q.beforeId);
  return s.execute();
}
