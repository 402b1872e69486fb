/**
 * The dashboard (issue #20): its counts are exact for the moment they were taken and at most
 * DASHBOARD_FRESH_MS old. At a million complaints the five counts take 80–110 ms however they are
 * indexed (they count tens of thousands of index entries each), and every agent's front page asks for
 * them; a chart of the last 30 days gains nothing from being younger than half a minute. So counts are
 * kept per process and per scope (users whose scopes are the same share them) for that long, and the
 * answer says when they were taken (`asOf`). Requests that arrive while a count is being taken wait
 * for that one instead of starting their own.
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

export const DASHBOARD_FRESH_MS = 30_000;
const MAX_SCOPES = 500;

export interface Dashboard extends DashboardCounts {
  /** When these counts were taken; never more than DASHBOARD_FRESH_MS before the answer. */
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

const taken = new WeakMap<Deps['db'], Map<string, { at: number; counts: Promise<DashboardCounts> }>>();

function scopeKey(scope: Scope): string {
  const ids = (s: ReadonlySet<string> | null) => (s === null ? '*' : [...s].sort().join(','));
  return `${ids(scope.orgIds)}|${scope.departmentIds ? ids(scope.departmentIds) : '-'}`;
}

export async function readDashboard(deps: Deps, user: SessionUser): Promise<Dashboard> {
  const now = deps.now();
  const scope = await scopeOf(deps.db, user);
  const gaps = unaddressed(deps, user, scope);
  gaps.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const key = scopeKey(scope);
  let byScope = taken.get(deps.db);
  if (!byScope) {
    byScope = new Map();
    taken.set(deps.db, byScope);
  }
  const hit = byScope.get(key);
  // A clock set back (tests, a corrected system clock) never serves counts from its future.
  if (hit && hit.at <= now.getTime() && now.getTime() - hit.at < DASHBOARD_FRESH_MS) {
    return { ...(await hit.counts), asOf: new Date(hit.at).toISOString(), unaddressedPositions: await gaps };
  }
  const counts = dashboardCounts(deps.db, scope, now);
  if (byScope.size >= MAX_SCOPES) byScope.delete(byScope.keys().next().value!);
  const entry = { at: now.getTime(), counts };
  byScope.set(key, entry);
  try {
    return { ...(await counts), asOf: now.toISOString(), unaddressedPositions: await gaps };
  } catch (err) {
    if (byScope.get(key) === entry) byScope.delete(key);
    throw err;
  }
}
