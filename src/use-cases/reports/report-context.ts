/** Shared look-ups for reports: the organisation subtree and names from the packs. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../data/schema.ts';
import { notFound } from '../../domain/errors.ts';
import { findPack, type Category } from '../../policies/index.ts';
import type { LevelInfo, Naming } from '../../domain/reports/periodic-report.ts';

export interface OrgNodeRow {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  policyId: string | null;
}

/** The node and every node below it (recursive CTE on org_nodes_parent_idx). */
export async function loadSubtree(db: Kysely<DB>, nodeId: string): Promise<{ root: OrgNodeRow; nodes: OrgNodeRow[] }> {
  const res = await sql<OrgNodeRow>`
    WITH RECURSIVE sub AS (
      SELECT id, parent_id, kind, name, policy_id FROM org_nodes WHERE id = ${nodeId}
      UNION ALL
      SELECT n.id, n.parent_id, n.kind, n.name, n.policy_id FROM org_nodes n JOIN sub s ON n.parent_id = s.id
    )
    SELECT id, parent_id AS "parentId", kind, name, policy_id AS "policyId" FROM sub`.execute(db);
  const root = res.rows.find((r) => r.id === nodeId);
  if (!root) throw notFound(`org node '${nodeId}'`);
  return { root, nodes: res.rows };
}

/** `(…)` list of bound values for `IN`, one parameter each (never interpolated text). */
export function inList(values: readonly string[]): RawBuilder<unknown> {
  return values.length ? sql`(${sql.join(values)})` : sql`(NULL)`;
}

function categoryIndex(cats: readonly Category[], into = new Map<string, string>()): Map<string, string> {
  for (const c of cats) {
    into.set(c.id, c.nameZh);
    if (c.children) categoryIndex(c.children as Category[], into);
  }
  return into;
}

export function namingFor(nodes: OrgNodeRow[]): Naming {
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const catCache = new Map<string, Map<string, string>>();
  const cats = (policyId: string | null) => {
    if (!policyId) return new Map<string, string>();
    let m = catCache.get(policyId);
    if (!m) {
      const pack = findPack(policyId);
      m = pack ? categoryIndex(pack.taxonomy as Category[]) : new Map();
      catCache.set(policyId, m);
    }
    return m;
  };
  return {
    unitName: (id) => names.get(id) ?? id,
    categoryName: (policyId, id) => (id ? (cats(policyId).get(id) ?? id) : '未分类'),
    level: (policyId, id): LevelInfo => {
      if (!id) return { nameZh: '未定级', rank: -1, isDefault: true };
      const pack = policyId ? findPack(policyId) : undefined;
      const lv = pack?.severity.levels.find((l) => l.id === id);
      if (!pack || !lv) return { nameZh: id, rank: 0, isDefault: false };
      const top = Math.max(...pack.severity.levels.map((l) => l.rank));
      return { nameZh: lv.nameZh, rank: lv.rank, isDefault: pack.severity.defaultLevel === id, isTop: lv.rank === top };
    },
  };
}
