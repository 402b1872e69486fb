/** The organisation tree (group → company → unit → department), unit settings and versioned calendars. */
import { sql, type Selectable } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { OrgNodesTable } from './schema.ts';
import type { BusinessCalendar } from '../domain/contracts.ts';
import { configSnapshot } from './config-cache.ts';

export type OrgNode = Selectable<OrgNodesTable>;

export interface UnitSettings {
  /** A reply needs a manager's approval before it counts as sent. */
  replyApproval?: boolean;
  /** Accepts complaints from the public portal. */
  portal?: boolean;
  /** Which messages the unit's customers get (issue #14 item 5); a message not named is sent. */
  customerMessages?: Partial<Record<'receipt' | 'reply' | 'visit_invitation', boolean>>;
}

/** Sets the unit's customer-message switches, keeping its other settings (the config copy follows by migration 0008's trigger). */
export async function saveCustomerMessageSwitches(db: Db, unitId: string, switches: Record<string, boolean>): Promise<void> {
  await db
    .updateTable('org_nodes')
    .set({ settings: sql`coalesce(settings, '{}'::jsonb) || jsonb_build_object('customerMessages', ${JSON.stringify(switches)}::jsonb)` })
    .where('id', '=', unitId)
    .execute();
}

export async function listOrgNodes(db: Db): Promise<OrgNode[]> {
  return db.selectFrom('org_nodes').selectAll().orderBy('kind').orderBy('name').execute();
}

export async function findOrgNode(db: Db, id: string): Promise<OrgNode | undefined> {
  return db.selectFrom('org_nodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ids of a node and everything below it, from the per-process copy of the tree (src/data/config-cache.ts). */
export async function subtreeIds(db: Db, rootId: string): Promise<string[]> {
  return (await configSnapshot(db)).subtree(rootId);
}

export async function latestCalendar(db: Db, unitId: string): Promise<BusinessCalendar | null> {
  const row = await db
    .selectFrom('calendars')
    .select(['config', 'version'])
    .where('unit_id', '=', unitId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return { ...(row.config as unknown as BusinessCalendar), version: row.version };
}

export async function calendarVersion(db: Db, unitId: string, version: number): Promise<BusinessCalendar | null> {
  const row = await db
    .selectFrom('calendars')
    .select(['config', 'version'])
    .where('unit_id', '=', unitId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { ...(row.config as unknown as BusinessCalendar), version: row.version } : null;
}

export async function saveCalendarVersion(
  db: Db,
  unitId: string,
  calendar: Omit<BusinessCalendar, 'version'>,
  userId: string | null,
): Promise<BusinessCalendar> {
  const latest = await db
    .selectFrom('calendars')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  // Version 1 is the default calendar every unit starts on, so the first saved edit is version 2.
  const version = Math.max(Number(latest?.v ?? 0), 1) + 1;
  const config = { ...calendar, version };
  await db
    .insertInto('calendars')
    .values({ unit_id: unitId, version, config: JSON.stringify(config), created_by: userId })
    .execute();
  return config;
}
