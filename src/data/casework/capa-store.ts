/**
 * Storage of corrective actions (capas, capa_actions) and manufacturing returns (return_records).
 * Every function takes the database or the transaction it runs in; the use cases in
 * src/use-cases/casework/capa.ts decide the transaction and the rules.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../complaint-store.ts';
import type { CapaActionsTable, CapasTable, ReturnRecordsTable } from '../schema.ts';

export type CapaRow = Selectable<CapasTable>;
export type CapaActionRow = Selectable<CapaActionsTable>;
export type ReturnRow = Selectable<ReturnRecordsTable>;
export type NewCapa = Insertable<CapasTable>;
export type CapaChanges = Updateable<CapasTable>;
export type NewCapaAction = Insertable<CapaActionsTable>;
export type NewReturn = Insertable<ReturnRecordsTable>;
export type ReturnChanges = Updateable<ReturnRecordsTable>;

/** A UUID's shape: anything else cannot be a row id, and PostgreSQL would refuse to compare it. */
const UUID = /^[0-9a-f-]{36}$/i;

export async function findCapaOfComplaint(db: Db, complaintId: string): Promise<CapaRow | undefined> {
  return db.selectFrom('capas').selectAll().where('complaint_id', '=', complaintId).executeTakeFirst();
}

/** The complaint's CAPA, locked for the rest of the transaction (the complaint's row lock is taken first). */
export async function lockCapaOfComplaint(trx: Db, complaintId: string): Promise<CapaRow | undefined> {
  return trx.selectFrom('capas').selectAll().where('complaint_id', '=', complaintId).forUpdate().executeTakeFirst();
}

export async function findCapa(trx: Db, capaId: string): Promise<CapaRow> {
  return trx.selectFrom('capas').selectAll().where('id', '=', capaId).executeTakeFirstOrThrow();
}

export async function insertCapa(trx: Db, values: NewCapa): Promise<string> {
  const row = await trx.insertInto('capas').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCapa(trx: Db, capaId: string, changes: CapaChanges): Promise<void> {
  await trx.updateTable('capas').set(changes).where('id', '=', capaId).execute();
}

/** The actions of a CAPA in the order they were added. */
export async function listCapaActions(db: Db, capaId: string): Promise<CapaActionRow[]> {
  return db.selectFrom('capa_actions').selectAll().where('capa_id', '=', capaId).orderBy('created_at').orderBy('id').execute();
}

export async function findCapaAction(trx: Db, capaId: string, actionId: string): Promise<CapaActionRow | undefined> {
  if (!UUID.test(actionId)) return undefined;
  return trx.selectFrom('capa_actions').selectAll().where('id', '=', actionId).where('capa_id', '=', capaId).executeTakeFirst();
}

export async function insertCapaAction(trx: Db, values: NewCapaAction): Promise<string> {
  const row = await trx.insertInto('capa_actions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function markCapaActionDone(trx: Db, actionId: string, at: Date): Promise<void> {
  await trx.updateTable('capa_actions').set({ done_at: at }).where('id', '=', actionId).execute();
}

// ---- returns ----

/** A return by id; `lock` takes its row lock (after the complaint's). An id that is not a UUID finds nothing. */
export async function findReturn(db: Db, id: string, lock = false): Promise<ReturnRow | undefined> {
  if (!UUID.test(id)) return undefined;
  let q = db.selectFrom('return_records').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listReturnsOfComplaint(db: Db, complaintId: string): Promise<ReturnRow[]> {
  return db.selectFrom('return_records').selectAll().where('complaint_id', '=', complaintId).orderBy('notified_at').execute();
}

export async function insertReturn(trx: Db, values: NewReturn): Promise<ReturnRow> {
  return trx.insertInto('return_records').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateReturn(trx: Db, id: string, changes: ReturnChanges): Promise<ReturnRow> {
  return trx.updateTable('return_records').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
