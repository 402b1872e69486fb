import type { BusinessCalendar } from '../contracts.ts';
import { dayEntry } from './day-info.ts';
import { localDateIn, nextDay, wallLabel } from './local-time.ts';

/**
 * Ten years without a working minute means the calendar is broken (say, every day overridden as a
 * holiday); failing loudly beats looping for ever.
 */
export const MAX_REST_DAYS = 3660;

export function localDateOf(cal: BusinessCalendar, t: Date): string {
  return localDateIn(cal.timeZone, t);
}

/** Working periods are half-open [start, end): 18:00 itself is already after hours. */
export function isWorkingInstant(cal: BusinessCalendar, t: Date): boolean {
  const ms = t.getTime();
  return dayEntry(cal, localDateOf(cal, t)).intervals.some(([s, e]) => s <= ms && ms < e);
}

/** `t` itself when it is working time, otherwise the start of the next working period. */
export function nextWorkingStart(cal: BusinessCalendar, t: Date): Date {
  const ms = t.getTime();
  let date = localDateOf(cal, t);
  for (let scanned = 0; scanned <= MAX_REST_DAYS; scanned++) {
    for (const [s, e] of dayEntry(cal, date).intervals) {
      if (ms < e) return new Date(Math.max(s, ms));
    }
    date = nextDay(date);
  }
  throw new RangeError(`no working time within ${MAX_REST_DAYS} days after ${t.toISOString()}`);
}

/** The last millisecond of the local day containing `t` (23:59:59.999 in the calendar's zone). */
export function endOfLocalDay(cal: BusinessCalendar, t: Date): Date {
  return new Date(endOfLocalDateMs(cal, localDateOf(cal, t)));
}

export function endOfLocalDateMs(cal: BusinessCalendar, localDate: string): number {
  return dayEntry(cal, nextDay(localDate)).startMs - 1;
}

/** First opening and last closing instant of a local date; null on a rest day. */
export function workingBounds(cal: BusinessCalendar, localDate: string): { open: Date; close: Date } | null {
  const { intervals } = dayEntry(cal, localDate);
  if (intervals.length === 0) return null;
  return { open: new Date(intervals[0][0]), close: new Date(intervals[intervals.length - 1][1]) };
}

/** Local wall-clock label of an instant in the calendar's zone, e.g. '2026-10-03 14:00'. */
export function localWallTime(cal: BusinessCalendar, t: Date, withSeconds = false): string {
  return wallLabel(cal.timeZone, t.getTime(), withSeconds);
}
