/**
 * Which units take complaints (issue #16 items 2 and 5): a unit disabled, or below a disabled company,
 * takes none (its history stays); the public portal lists and accepts only the units an administrator
 * opened to it (`settings.portal === true`, PATCH /api/org-nodes/:id { portal }) that are not disabled.
 */
import type { ConfigSnapshot } from '../../data/config-cache.ts';
import { listOrgNodes } from '../../data/org-store.ts';
import type { Deps } from '../context.ts';

type Nodes = Pick<ConfigSnapshot, 'node' | 'ancestry'>;

/** The unit or a node above it is disabled. */
export function unitDisabled(config: Nodes, unitId: string): boolean {
  return config.ancestry(unitId).some((id) => config.node(id)?.disabled === true);
}

export function openToPortal(config: Nodes, unitId: string): boolean {
  const unit = config.node(unitId);
  return (
    unit?.kind === 'unit' &&
    !!unit.policy_id &&
    (unit.settings as { portal?: unknown } | null)?.portal === true &&
    !unitDisabled(config, unitId)
  );
}

/**
 * The portal's unit list: the units open to it, by name. Read from the table, not the per-process copy:
 * an anonymous request looks up no session, so nothing would tell the copy that an administrator's
 * change in another process has moved the counter.
 */
export async function listPortalUnits(deps: Deps): Promise<{ id: string; name: string }[]> {
  const nodes = await listOrgNodes(deps.db);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const tree: Nodes = {
    node: (id) => byId.get(id),
    ancestry(id) {
      const out: string[] = [];
      for (let n = byId.get(id); n && !out.includes(n.id); n = n.parent_id ? byId.get(n.parent_id) : undefined) out.push(n.id);
      return out;
    },
  };
  return nodes.filter((n) => openToPortal(tree, n.id)).map((n) => ({ id: n.id, name: n.name }));
}
