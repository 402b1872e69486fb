/**
 * Which units take complaints (issue #16 items 2 and 5): a unit disabled, or below a disabled company,
 * takes none (its history stays); the public portal lists and accepts only the units an administrator
 * opened to it (`settings.portal === true`, PATCH /api/org-nodes/:id { portal }) that are not disabled.
 */
import { configSnapshot, type ConfigSnapshot } from '../../data/config-cache.ts';
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

/** The portal's unit list: the units open to it, by name. */
export async function listPortalUnits(deps: Deps): Promise<{ id: string; name: string }[]> {
  const config = await configSnapshot(deps.db);
  return (await listOrgNodes(deps.db)).filter((n) => openToPortal(config, n.id)).map((n) => ({ id: n.id, name: n.name }));
}
