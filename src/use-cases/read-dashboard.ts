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

export const DASHBOARD_FRESH_MS = 30_000;
const MAX_SCOPES = 500;

export interface Dashboard extends DashboardCounts {
  /** When these counts were taken; never more than DASHBOARD_FRESH_MS before the answer. */
  asOf: string;
}

const taken = new WeakMap<Deps['db'], Map<string, { at: number; counts: Promise<DashboardCounts> }>>();

function scopeKey(scope: Scope): string {
  const ids = (s: ReadonlySet<string> | null) => (s === null ? '*' : [...s].sort().join(','));
  return `${ids(scope.orgIds)}|${scope.departmentIds ? ids(scope.departmentIds) : '-'}`;
}

export async function readDashboard(deps: Deps, user: SessionUser): Promise<Dashboard> {
  const now = deps.now();
  const scope = await scopeOf(deps.db, user);
  const key = scopeKey(scope);
  let byScope = taken.get(deps.db);
  if (!byScope) {
    byScope = new Map();
    taken.set(deps.db, byScope);
  }
  const hit = byScope.get(key);
  // A clock set back (tests, a corrected system clock) never serves counts from its future.
  if (hit && hit.at <= now.getTime() && now.getTime() - hit.at < DASHBOARD_FRESH_MS) {
    return { ...(await hit.counts), asOf: new Date(hit.at).toISOString() };
  }
  const counts = dashboardCounts(deps.db, scope, now);
  if (byScope.size >= MAX_SCOPES) byScope.delete(byScope.keys().next().value!);
  const entry = { at: now.getTime(), counts };
  byScope.set(key, entry);
  try {
    return { ...(await counts), asOf: now.toISOString() };
  } catch (err) {
    if (byScope.get(key) === entry) byScope.delete(key);
    throw err;
  }
}
