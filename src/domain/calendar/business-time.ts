import type { BusinessCalendar, ClockTraceStep } from '../contracts.ts';
import { dayEntry } from './day-info.ts';
import { MINUTE_MS, nextDay } from './local-time.ts';
import { TraceBuilder } from './trace-steps.ts';
import { endOfLocalDateMs, localDateOf, MAX_REST_DAYS } from './working-time.ts';

export interface BusinessResult {
  due: Date;
  trace: ClockTraceStep[];
}

function checkCount(what: string, value: number, integer: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${what} must be a ${integer ? 'non-negative integer' : 'non-negative finite number'}, got ${value}`);
  }
}

/**
 * The instant at which `minutes` of working time have elapsed since `start` (R-TL-1). Counting from
 * a non-working instant begins at the next working period. A result that exhausts a period exactly
 * is that period's end (17:30 + 30 min = 18:00, not 09:00 next day), which keeps a + b = (a then b).
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): BusinessResult {
  checkCount('minutes', minutes, false);
  let remaining = Math.round(minutes * MINUTE_MS);
  let cursor = start.getTime();
  const trace = new TraceBuilder(cal);
  if (remaining === 0) return { due: new Date(cursor), trace: trace.finish() };

  let date = localDateOf(cal, start);
  let restRun = 0;
  for (;;) {
    const { info, intervals } = dayEntry(cal, date);
    trace.noteDay(info);
    if (!info.working) {
      trace.restDay(info);
      if (++restRun > MAX_REST_DAYS) throw new RangeError(`no working time within ${MAX_REST_DAYS} days after ${start.toISOString()}`);
    } else {
      restRun = 0;
      for (const [s, e] of intervals) {
        if (e <= cursor) continue;
        const from = Math.max(s, cursor);
        const available = e - from;
        if (remaining <= available) {
          trace.workingSpan(info, from, from + remaining);
          return { due: new Date(from + remaining), trace: trace.finish() };
        }
        trace.workingSpan(info, from, e);
        remaining -= available;
        cursor = e;
      }
    }
    date = nextDay(date);
  }
}

/** Working minutes inside [a, b); 0 when b <= a. Fractional when the bounds are not on whole minutes. */
export function businessMinutesBetween(cal: BusinessCalendar, a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  const lastDate = localDateOf(cal, b);
  let total = 0;
  for (let date = localDateOf(cal, a); date <= lastDate; date = nextDay(date)) {
    for (const [s, e] of dayEntry(cal, date).intervals) {
      const lo = Math.max(s, from);
      const hi = Math.min(e, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total / MINUTE_MS;
}

/**
 * The end (last millisecond) of the Nth working day after the start's local day: the start day itself
 * never counts, as in "accept within 7 working days" (R-TL-7). `days` = 0 gives the end of the start day.
 */
export function addBusinessDays(cal: BusinessCalendar, start: Date, days: number): BusinessResult {
  checkCount('days', days, true);
  const trace = new TraceBuilder(cal);
  let date = localDateOf(cal, start);
  let counted = 0;
  let restRun = 0;
  while (counted < days) {
    date = nextDay(date);
    const { info } = dayEntry(cal, date);
    trace.noteDay(info);
    if (info.working) {
      restRun = 0;
      trace.countedDay(info, ++counted, days);
    } else {
      trace.restDay(info);
      if (++restRun > MAX_REST_DAYS) throw new RangeError(`no working day within ${MAX_REST_DAYS} days after ${start.toISOString()}`);
    }
  }
  return { due: new Date(endOfLocalDateMs(cal, date)), trace: trace.finish() };
}
