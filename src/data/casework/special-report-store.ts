/**
 * Storage of special reports (special_reports), one per complaint. Every function takes the database or
 * the transaction it runs in.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../complaint-store.ts';
import type { SpecialReportsTable } from '../schema.ts';

export type SpecialReportRow = Selectable<SpecialReportsTable>;
export type NewSpecialReport = Insertable<SpecialReportsTable>;
export type SpecialReportChanges = Updateable<SpecialReportsTable>;

export async function findSpecialReport(db: Db, complaintId: string): Promise<SpecialReportRow | undefined> {
  return db.selectFrom('special_reports').selectAll().where('complaint_id', '=', complaintId).executeTakeFirst();
}

/** The complaint's report, locked for the rest of the transaction (the complaint's row lock is taken first). */
export async function lockSpecialReport(trx: Db, complaintId: string): Promise<SpecialReportRow | undefined> {
  return trx.selectFrom('special_reports').selectAll().where('complaint_id', '=', complaintId).forUpdate().executeTakeFirst();
}

export async function insertSpecialReport(trx: Db, values: NewSpecialReport): Promise<SpecialReportRow> {
  return trx.insertInto('special_reports').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateSpecialReport(trx: Db, complaintId: string, changes: SpecialReportChanges): Promise<SpecialReportRow> {
  return trx.updateTable('special_reports').set(changes).where('complaint_id', '=', complaintId).returningAll().executeTakeFirstOrThrow();
}

/** The names of the given organisation nodes (departments named in a report), by id. */
export async function orgNodeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('org_nodes').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
