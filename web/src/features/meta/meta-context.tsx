/**
 * Reference data the console needs on every page: the organisation tree and every installed policy
 * pack (taxonomy, levels, clock labels, guides), loaded once after login.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Spin } from 'antd';
import type { Category, OrgNode, Pack } from '../../api/types.ts';
import { getPacks, getUnits } from './api.ts';
import { useErrorReporter } from '../../components/use-error-reporter.ts';

export interface Meta {
  nodes: OrgNode[];
  units: OrgNode[];
  packs: Map<string, Pack>;
  node: (id: string | null | undefined) => OrgNode | undefined;
  departmentsOf: (unitId: string) => OrgNode[];
  /** Category by id, searched in `policyId` first, then in every pack (the dashboard has no policy). */
  category: (id: string | null | undefined, policyId?: string | null) => Category | undefined;
}

const MetaContext = createContext<Meta | null>(null);

function indexCategories(tree: Category[], into: Map<string, Category>): void {
  for (const c of tree) {
    into.set(c.id, c);
    if (c.children) indexCategories(c.children, into);
  }
}

export function MetaProvider({ children }: { children: ReactNode }) {
  const report = useErrorReporter();
  const [state, setState] = useState<{ nodes: OrgNode[]; packs: Map<string, Pack> } | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const [nodes, packs] = await Promise.all([getUnits(), getPacks()]);
      if (live) setState({ nodes, packs: new Map(packs.map((p) => [p.id, p])) });
    })().catch(report);
    return () => {
      live = false;
    };
  }, [report]);

  const meta = useMemo<Meta | null>(() => {
    if (!state) return null;
    const byId = new Map(state.nodes.map((n) => [n.id, n]));
    const categoryIndex = new Map<string, Map<string, Category>>();
    for (const pack of state.packs.values()) {
      const m = new Map<string, Category>();
      indexCategories(pack.taxonomy, m);
      categoryIndex.set(pack.id, m);
    }
    return {
      nodes: state.nodes,
      // Issue #16: a unit out of service is left out of the pickers; its complaints still show its name (nodes).
      units: state.nodes.filter((n) => n.kind === 'unit' && !n.disabled),
      packs: state.packs,
      node: (id) => (id ? byId.get(id) : undefined),
      departmentsOf: (unitId) => state.nodes.filter((n) => n.kind === 'department' && n.parentId === unitId),
      category: (id, policyId) => {
        if (!id) return undefined;
        if (policyId) {
          const hit = categoryIndex.get(policyId)?.get(id);
          if (hit) return hit;
        }
        for (const m of categoryIndex.values()) {
          const hit = m.get(id);
          if (hit) return hit;
        }
        return undefined;
      },
    };
  }, [state]);

  if (!meta) return <Spin fullscreen />;
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

export function useMeta(): Meta {
  const ctx = useContext(MetaContext);
  if (!ctx) throw new Error('useMeta outside MetaProvider');
  return ctx;
}
