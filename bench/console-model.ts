/**
 * What 200 agents working the console ask of the server, as a request rate and a mix (issue #20,
 * item 3). The model, per agent, at a busy but normal hour:
 *
 *   - works one complaint every 3 minutes: opens the queue page (50 rows, by due time), opens one
 *     complaint (its detail, then its event log) and takes one action on it (a note or the
 *     qualification of a new complaint) — 4 requests per 180 s;
 *   - besides, reloads the queue every 2 minutes while reading or on the phone — 1 per 120 s;
 *   - looks at the dashboard every 10 minutes — 1 per 600 s.
 *
 * Per agent: 4/180 + 1/120 + 1/600 = 0.0222 + 0.0083 + 0.0017 = 0.0322 requests a second, so 200
 * agents ask 6.44 a second (3.2 per 100 agents). The console's detail page also fetches the same
 * complaint's attachments on demand; it is left out, and a complaint every 3 minutes is brisk for
 * work that includes a phone call. The bench runs this rate and a multiple of it as headroom.
 */

export const AGENTS = 200;
const COMPLAINT_EVERY_S = 180;
const QUEUE_RELOAD_EVERY_S = 120;
const DASHBOARD_EVERY_S = 600;

export type ConsoleKind = 'queue' | 'detail' | 'events' | 'action' | 'dashboard';

/** Requests a second of each kind for `agents` agents. */
export function consoleRates(agents = AGENTS): Record<ConsoleKind, number> {
  const perComplaint = agents / COMPLAINT_EVERY_S;
  return {
    queue: perComplaint + agents / QUEUE_RELOAD_EVERY_S,
    detail: perComplaint,
    events: perComplaint,
    action: perComplaint,
    dashboard: agents / DASHBOARD_EVERY_S,
  };
}

export const totalRate = (rates: Record<ConsoleKind, number>) => Object.values(rates).reduce((s, x) => s + x, 0);

/**
 * The n-th request's kind, drawn with the model's weights from a fixed pseudo-random sequence, so
 * runs are repeatable and kinds interleave the way independent agents' clicks do (not in bursts).
 */
export function kindPicker(rates: Record<ConsoleKind, number>): (n: number) => ConsoleKind {
  const kinds = Object.keys(rates) as ConsoleKind[];
  const total = totalRate(rates);
  const cumulative = kinds.map((_, i) => kinds.slice(0, i + 1).reduce((s, k) => s + rates[k], 0) / total);
  return (n) => {
    const u = unit(n, 0);
    return kinds[cumulative.findIndex((c) => u < c)] ?? kinds[kinds.length - 1];
  };
}

/** A deterministic number in [0, 1) from (n, stream). */
export function unit(n: number, stream: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 7, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
}

/**
 * The queue pages agents open: most by due time unfiltered (the default view), the rest with one of
 * the filters the console offers (new complaints to qualify, one unit, the overdue ones).
 */
export function queuePath(n: number, units: readonly string[]): string {
  const u = unit(n, 1);
  if (u < 0.5) return '/api/complaints?limit=50&sort=due';
  if (u < 0.7) return '/api/complaints?limit=50&sort=due&status=received';
  if (u < 0.85) return `/api/complaints?limit=50&sort=due&unitId=${units[Math.floor(unit(n, 2) * units.length)]}`;
  return '/api/complaints?limit=50&sort=due&overdue=true';
}
