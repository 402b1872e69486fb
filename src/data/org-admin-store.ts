/**
 * The organisation tree's writes (issue #16 items 1 and 2): nodes created and changed by an
 * administrator, each with its audit row in the same transaction, and the first run's checks.
 */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { OrgChangeAction, OrgChangesTable } from './schema.ts';
import type { Selectable } from 'kysely';

/**
 * Every change of the tree's shape runs under this transaction-scoped lock ("PLORG" truncated), so two
 * administrators cannot each move a node under the other's (a cycle neither saw), and two first runs
 * cannot both find the database empty.
 */
const TREE_LOCK_ID = 0x504c4f52;

export async function lockOrgTree(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${TREE_LOCK_ID})`.execute(trx);
}

export async function countOrgNodes(db: Db): Promise<number> {
  const row = await db
    .selectFrom('org_nodes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether an enabled administrator without a node exists (the installation's: PLAINT_ADMIN_EMAIL or the first run's). */
export async function installationAdminExists(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('org_node_id', 'is', null)
    .where('disabled', '=', false)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewOrgNode {
  id: string;
  parent_id: string | null;
  kind: 'group' | 'company' | 'unit' | 'department';
  name: string;
  policy_id: string | null;
  settings: Record<string, unknown>;
}

export async function insertOrgNode(db: Db, n: NewOrgNode): Promise<void> {
  await db
    .insertInto('org_nodes')
    .values({ ...n, settings: JSON.stringify(n.settings) })
    .execute();
}

export interface OrgNodeChanges {
  name?: string;
  parent_id?: string | null;
  policy_id?: string | null;
  disabled?: boolean;
  /** Merged into settings (e.g. { portal: true }), the other settings kept; a key given null is removed. */
  settings?: Record<string, unknown>;
}

export async function updateOrgNode(db: Db, id: string, c: OrgNodeChanges): Promise<void> {
  const { settings, ...columns } = c;
  // A key given null is removed (jsonb - text[]); the others are merged over the stored settings.
  const kept = Object.fromEntries(Object.entries(settings ?? {}).filter(([, v]) => v !== null));
  const removed = Object.keys(settings ?? {}).filter((k) => settings?.[k] === null);
  await db
    .updateTable('org_nodes')
    .set({
      ...columns,
      ...(settings ? { settings: sql`(coalesce(settings, '{}'::jsonb) || ${JSON.stringify(kept)}::jsonb) - ${removed}::text[]` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertOrgChange(
  db: Db,
  c: {
    nodeId: string;
    by: { id: string | null; label: string };
    at: Date;
    action: OrgChangeAction;
    before: Record<string, unknown> | null;
    after: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('org_changes')
    .values({
      node_id: c.nodeId,
      changed_by: c.by.id,
      changed_by_label: c.by.label,
      changed_at: c.at,
      action: c.action,
      before: c.before === null ? null : JSON.stringify(c.before),
      after: JSON.stringify(c.after),
    })
    .execute();
}

export type OrgChangeRow = Selectable<OrgChangesTable>;

/** A node's changes, newest first. */
export async function listOrgChanges(db: Db, nodeId: string, limit = 200): Promise<OrgChangeRow[]> {
  return db.selectFrom('org_changes').selectAll().where('node_id', '=', nodeId).orderBy('seq', 'desc').limit(limit).execute();
}

/** Complaints of a unit not yet closed: their clocks still run on the pack they were received under. */
export async function countOpenComplaints(db: Db, unitId: string): Promise<number> {
  const row = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_id', '=', unitId)
    .where('status', '<>', 'closed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
