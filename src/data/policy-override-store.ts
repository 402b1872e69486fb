/**
 * Tuned packs' override rows (migration 0028, issue #16 item 4). Rows are only ever inserted; reads go
 * through the per-process configuration copy (src/data/config-cache.ts), which migration 0028's trigger
 * keeps current.
 */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';

/**
 * Serialises saves of overrides: each one validates the packs of the whole subtree against the rows saved
 * before it, so two saves (a company's and one of its units') must not validate against each other's past.
 */
export async function lockPolicyOverrides(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('plaint.policy_overrides'))`.execute(trx);
}

export async function insertPolicyOverride(
  db: Db,
  row: { nodeId: string; policyId: string; overrides: Record<string, unknown>; createdBy: string | null },
): Promise<{ version: number; createdAt: Date }> {
  const r = await db
    .insertInto('policy_overrides')
    .values({ node_id: row.nodeId, policy_id: row.policyId, overrides: JSON.stringify(row.overrides), created_by: row.createdBy })
    .returning(['version', 'created_at'])
    .executeTakeFirstOrThrow();
  return { version: Number(r.version), createdAt: new Date(r.created_at) };
}

/** A node's saved versions for a pack, newest first, with who saved them (the policy page's history). */
export async function listPolicyOverrides(
  db: Db,
  nodeId: string,
  policyId: string,
): Promise<{ version: number; createdAt: Date; createdBy: string | null; createdByName: string | null }[]> {
  const rows = await db
    .selectFrom('policy_overrides as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.version', 'p.created_at', 'p.created_by', 'u.name'])
    .where('p.node_id', '=', nodeId)
    .where('p.policy_id', '=', policyId)
    .orderBy('p.version', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    createdByName: r.name,
  }));
}
