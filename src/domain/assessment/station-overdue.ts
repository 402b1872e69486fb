import type { ClockRecord } from '../contracts.ts';

// Milliseconds in an hour: a unit of time, not a rule (test/domain/assessment-pack-tables.test.ts allows it here).
const HOUR_MS = 3_600_000;

/**
 * How late the station was on its own time limits (R-RS-3; S0 第五篇 §15 「查核各加油站處理時效」), in hours,
 * or null when it was not late. Only the clocks the station runs count (`stationClocks`, §13.2: the 2 h
 * handling and the 3-day improvement plan), and only from when the complaint reached the station: a
 * complaint dispatched after its 2 h had already run out was late at the service centre, not at the
 * station, so lateness is measured from the later of the due instant and the dispatch. A complaint
 * never dispatched never reached a station. Without `stationClocks` every clock counts, from its due.
 */
export function stationLateHours(
  clocks: readonly ClockRecord[],
  stationClocks: readonly string[] | undefined,
  reachedAt: Date | null,
  now: Date,
): number | null {
  if (stationClocks && reachedAt === null) return null;
  let worstMs = -1;
  for (const c of clocks) {
    if (stationClocks && !stationClocks.includes(c.name)) continue;
    // When the clock stopped being late: met (late or not), paused, or still running now.
    const end = c.metAt ? Date.parse(c.metAt) : c.state === 'paused' && c.pausedAt ? Date.parse(c.pausedAt) : now.getTime();
    const from = Math.max(Date.parse(c.dueAt), stationClocks && reachedAt ? reachedAt.getTime() : 0);
    if (end > from) worstMs = Math.max(worstMs, end - from);
  }
  return worstMs < 0 ? null : worstMs / HOUR_MS;
}
