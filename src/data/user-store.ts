/** Accounts: the users table, read and written for login, account management and seeding. */
import { sql, type Selectable } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { UsersTable } from './schema.ts';

export type UserRow = Selectable<UsersTable>;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every user, by e-mail; with `orgIds`, only those whose node is one of them (node-less users left out). */
export async function listUsersAt(db: Db, orgIds: readonly string[] | null): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().orderBy('email');
  if (orgIds !== null) {
    if (!orgIds.length) return [];
    q = q.where('org_node_id', 'in', orgIds);
  }
  return q.execute();
}

export interface NewUserRow {
  email: string;
  name: string;
  role: string;
  org_node_id: string | null;
  /** null: an invited account without a password (migration 0030). */
  password_hash: string | null;
  password_changed_at?: Date;
  created_at?: Date;
}

/** Inserts a user; undefined when the e-mail is taken (the unique e-mail decides, not a prior read). */
export async function insertUserUnlessEmailTaken(db: Db, u: NewUserRow): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values(u)
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export type UserChanges = Partial<{
  name: string;
  role: string;
  org_node_id: string | null;
  disabled: boolean;
  password_hash: string;
  password_changed_at: Date;
}>;

/** Changes one user, known to exist; the row as changed. */
export async function updateUserRow(db: Db, id: string, set: UserChanges): Promise<UserRow> {
  return db.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Issue #14: the user's own choice of notification e-mail (migration 0024). */
export async function setNotifyEmail(db: Db, id: string, on: boolean): Promise<boolean> {
  const r = await db.updateTable('users').set({ notify_email: on }).where('id', '=', id).returning('notify_email').executeTakeFirst();
  return r?.notify_email ?? on;
}

export async function notifyEmailOf(db: Db, id: string): Promise<boolean> {
  const r = await db.selectFrom('users').select('notify_email').where('id', '=', id).executeTakeFirst();
  return r?.notify_email ?? true;
}

/** A position a user holds at an organisation node (issue #14, migration 0023). */
export interface HeldPosition {
  positionId: string;
  orgNodeId: string;
}

/** The positions of each of `userIds`, by user. */
export async function positionsOfUsers(db: Db, userIds: readonly string[]): Promise<Map<string, HeldPosition[]>> {
  const out = new Map<string, HeldPosition[]>();
  if (!userIds.length) return out;
  const rows = await db
    .selectFrom('user_positions')
    .select(['user_id', 'position_id', 'org_node_id'])
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('org_node_id')
    .orderBy('position_id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ positionId: r.position_id, orgNodeId: r.org_node_id });
    out.set(r.user_id, list);
  }
  return out;
}

/** Replaces the positions a user holds, in one statement. */
export async function replaceUserPositions(db: Db, userId: string, positions: readonly HeldPosition[]): Promise<void> {
  const rows = JSON.stringify(positions.map((p) => ({ user_id: userId, position_id: p.positionId, org_node_id: p.orgNodeId })));
  // Rows no longer held go, new ones come, kept ones stay untouched (a delete and an insert of the same
  // key in one statement would race each other).
  await sql`
    WITH wanted AS (SELECT DISTINCT user_id, position_id, org_node_id FROM json_populate_recordset(NULL::user_positions, ${rows}::json)),
    gone AS (
      DELETE FROM user_positions p WHERE p.user_id = ${userId}::uuid
        AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.position_id = p.position_id AND w.org_node_id = p.org_node_id)
    )
    INSERT INTO user_positions (user_id, position_id, org_node_id)
    SELECT user_id, position_id, org_node_id FROM wanted
    ON CONFLICT DO NOTHING`.execute(db);
}
