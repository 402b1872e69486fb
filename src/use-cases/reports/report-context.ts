/** Shared look-ups for reports: the organisation subtree and names from the packs. */
import type { Db } from '../../data/complaint-store.ts';
import { subtreeNodes, type OrgNodeRow } from '../../data/reports/report-store.ts';
import { notFound } from '../../domain/errors.ts';
import { findPack, type Category } from '../../policies/index.ts';
import type { LevelInfo, Naming } from '../../domain/reports/periodic-report.ts';

export type { OrgNodeRow };

/** The node and every node below it; 404 when the node does not exist. */
export async function loadSubtree(db: Db, nodeId: string): Promise<{ root: OrgNodeRow; nodes: OrgNodeRow[] }> {
  const nodes = await subtreeNodes(db, nodeId);
  const root = nodes.find((r) => r.id === nodeId);
  if (!root) throw notFound(`org node '${nodeId}'`);
  return { root, nodes };
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
    causeName: (policyId, id) => {
      if (!id) return '未填写';
      return (policyId ? findPack(policyId)?.causes?.find((c) => c.id === id)?.nameZh : undefined) ?? id;
    },
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
