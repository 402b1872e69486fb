/**
 * Reads and writes shared by the reports: an organisation subtree, the snapshots of closed periods,
 * and the `IN (…)` list the report queries bind their values with.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../complaint-store.ts';

export interface OrgNodeRow {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  policyId: string | null;
}

/** `(…)` list of bound values for `IN`, one parameter each (never interpolated text). */
export function inList(values: readonly string[]): RawBuilder<unknown> {
  return values.length ? sql`(${sql.join(values)})` : sql`(NULL)`;
}

/** The node and every node below it (recursive CTE on org_nodes_parent_idx); empty when the node does not exist. */
export async function subtreeNodes(db: Db, nodeId: string): Promise<OrgNodeRow[]> {
  const res = await sql<OrgNodeRow>`
    WITH RECURSIVE sub AS (
      SELECT id, parent_id, kind, name, policy_id FROM org_nodes WHERE id = ${nodeId}
      UNION ALL
      SELECT n.id, n.parent_id, n.kind, n.name, n.policy_id FROM org_nodes n JOIN sub s ON n.parent_id = s.id
    )
    SELECT id, parent_id AS "parentId", kind, name, policy_id AS "policyId" FROM sub`.execute(db);
  return res.rows;
}

export interface ReportSnapshotKey {
  kind: string;
  nodeId: string;
  periodKey: string;
}

/** The stored report of a closed period and when it was stored, if it has been read before. */
export async function readReportSnapshot(db: Db, key: ReportSnapshotKey): Promise<{ report: unknown; createdAt: Date } | undefined> {
  const row = await db
    .selectFrom('report_snapshots')
    .select(['report', 'created_at'])
    .where('kind', '=', key.kind)
    .where('node_id', '=', key.nodeId)
    .where('period_key', '=', key.periodKey)
    .executeTakeFirst();
  if (!row) return undefined;
  return { report: typeof row.report === 'string' ? JSON.parse(row.report) : row.report, createdAt: new Date(row.created_at) };
}

/** Stores the snapshot unless one is stored already: of two first readings at once, the first insert wins. */
export async function insertReportSnapshotOnce(db: Db, key: ReportSnapshotKey, report: unknown, now: Date): Promise<void> {
  await db
    .insertInto('report_snapshots')
    .values({ kind: key.kind, node_id: key.nodeId, period_key: key.periodKey, report: JSON.stringify(report), created_at: now })
    .onConflict((oc) => oc.columns(['kind', 'node_id', 'period_key']).doNothing())
    .execute();
}
