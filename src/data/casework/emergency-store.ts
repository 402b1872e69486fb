/**
 * Storage of emergency responses and their action logs (emergency_responses, emergency_actions). Every
 * function takes the database or the transaction it runs in.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../complaint-store.ts';
import type { EmergencyActionsTable, EmergencyResponsesTable } from '../schema.ts';

export type EmergencyRow = Selectable<EmergencyResponsesTable>;
export type EmergencyActionRow = Selectable<EmergencyActionsTable>;
export type NewEmergency = Insertable<EmergencyResponsesTable>;
export type EmergencyChanges = Updateable<EmergencyResponsesTable>;
export type NewEmergencyAction = Insertable<EmergencyActionsTable>;

export async function findEmergencyOfComplaint(db: Db, complaintId: string): Promise<EmergencyRow | undefined> {
  return db.selectFrom('emergency_responses').selectAll().where('complaint_id', '=', complaintId).executeTakeFirst();
}

/** The action log in the order it was written. */
export async function listEmergencyActions(db: Db, emergencyId: string): Promise<EmergencyActionRow[]> {
  return db.selectFrom('emergency_actions').selectAll().where('emergency_id', '=', emergencyId).orderBy('id').execute();
}

export async function insertEmergency(trx: Db, values: NewEmergency): Promise<string> {
  const row = await trx.insertInto('emergency_responses').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEmergency(trx: Db, emergencyId: string, changes: EmergencyChanges): Promise<void> {
  await trx.updateTable('emergency_responses').set(changes).where('id', '=', emergencyId).execute();
}

export async function insertEmergencyAction(trx: Db, values: NewEmergencyAction): Promise<void> {
  await trx.insertInto('emergency_actions').values(values).execute();
}
