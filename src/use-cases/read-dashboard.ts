/**
 * The dashboard (issue #20): its counts, exact and current at `asOf`, for the user's scope. They are read
 * from the tallies that every write to complaints keeps (migration 0036, src/data/dashboard-store.ts):
 * at a million complaints a few milliseconds, where counting the complaints took 80–110 ms.
 */
import type { Deps } from './context.ts';
import type { SessionUser } from './auth.ts';
import { dashboardCounts, type DashboardCounts } from '../data/dashboard-store.ts';
import { scopeOf, type Scope } from '../security/scope.ts';
import { unaddressedPositions } from '../data/notification-store.ts';
import { configSnapshot } from '../data/config-cache.ts';
import { recipientsOf } from '../domain/notifications/index.ts';
import { findPack } from '../policies/index.ts';
import { can } from '../security/authorize.ts';

export interface Dashboard extends DashboardCounts {
  /** When these counts were taken: the moment of the answer. */
  asOf: string;
  /** Positions that fired with nobody holding them and still have nobody (issue #14): a configuration problem. */
  unaddressedPositions: UnaddressedPosition[];
}

export interface UnaddressedPosition {
  positionId: string;
  positionName: string;
  positionNameZh: string;
  orgNodeId: string | null;
  orgNodeName: string | null;
  count: number;
  lastAt: string;
}

/**
 * Read fresh, not with the counts: it is short, and an administrator who has just given the position to
 * someone should see it leave the list. A position held by now at the unit or above is left out; the
 * list is for those who receive the unaddressed notifications (and can fix the gap), empty for others.
 */
async function unaddressed(deps: Deps, user: SessionUser, scope: Scope): Promise<UnaddressedPosition[]> {
  if (!can(user, 'notifications.unaddressed')) return [];
  const [rows, config] = await Promise.all([unaddressedPositions(deps.db, scope), configSnapshot(deps.db)]);
  const out = new Map<string, UnaddressedPosition>();
  for (const r of rows) {
    if (r.orgNodeId && recipientsOf(r.positionId, config.addressBook(r.orgNodeId)).some((p) => !p.unaddressed)) continue;
    const position = findPack(r.policyId)?.positions.find((p) => p.id === r.positionId);
    const key = `${r.positionId}|${r.orgNodeId}`;
    const seen = out.get(key);
    if (seen) {
      seen.count += r.count;
      if (r.lastAt.toISOString() > seen.lastAt) seen.lastAt = r.lastAt.toISOString();
      continue;
    }
    out.set(key, {
      positionId: r.positionId,
      positionName: position?.name ?? r.positionId,
      positionNameZh: position?.nameZh ?? r.positionId,
      orgNodeId: r.orgNodeId,
      orgNodeName: r.orgNodeId ? (config.node(r.orgNodeId)?.name ?? null) : null,
      count: r.count,
      lastAt: r.lastAt.toISOString(),
    });
  }
  return [...out.values()];
}

export async function readDashboard(deps: Deps, user: SessionUser): Promise<Dashboard> {
  const now = deps.now();
  const scope = await scopeOf(deps.db, user);
  const [counts, gaps] = await Promise.all([dashboardCounts(deps.db, scope, now), unaddressed(deps, user, scope)]);
  return { ...counts, asOf: now.toISOString(), unaddressedPositions: gaps };
}
