import type { BusinessCalendar } from '../contracts.ts';
import { hasOfficialHolidayData, packageDayEntry } from './holiday-data.ts';
import { statutoryHoliday } from './statutory-holidays.ts';
import { instantAt, isLocalDate, isoWeekday, parseWallTime, startOfDayMs, yearOf } from './local-time.ts';

export type DayReason = 'workday' | 'weekend' | 'public_holiday' | 'adjusted_workday' | 'override_workday' | 'override_holiday';

export interface DayInfo {
  date: string;
  working: boolean;
  reason: DayReason;
  /** English name of the holiday or override, when there is one. */
  name?: string;
  nameZh?: string;
  /**
   * False only when the calendar relies on Chinese holidays, the year has no official data in the
   * package, and no override decides the day: the day was classified by weekday alone (R-TL-1).
   */
  officialData: boolean;
}

/** A day's classification and its working intervals as [startMs, endMs) instants. */
export interface DayEntry {
  info: DayInfo;
  /** The first instant of the local day (midnight, or the first existing instant on a DST jump). */
  startMs: number;
  intervals: readonly (readonly [number, number])[];
}

interface CalendarCache {
  periods: { start: number; end: number }[];
  days: Map<string, DayEntry>;
}

/**
 * Calendars are treated as immutable values (an edit produces a new version), so a cache keyed by the
 * object is safe and lets 10,000 due computations share the per-day work.
 */
const caches = new WeakMap<BusinessCalendar, CalendarCache>();

function cacheFor(cal: BusinessCalendar): CalendarCache {
  let cache = caches.get(cal);
  if (!cache) {
    const periods = cal.workingPeriods.map((p) => {
      const start = parseWallTime(p.start);
      const end = parseWallTime(p.end);
      if (start === null || end === null || end <= start) {
        throw new RangeError(`invalid working period ${p.start}–${p.end}; run validateCalendar first`);
      }
      return { start, end };
    });
    cache = { periods, days: new Map() };
    caches.set(cal, cache);
  }
  return cache;
}

function classify(cal: BusinessCalendar, date: string): DayInfo {
  const year = yearOf(date);
  const override = cal.overrides[date];
  if (override) {
    const base = { date, officialData: true, ...(override.name ? { name: override.name, nameZh: override.name } : {}) };
    return override.kind === 'workday'
      ? { ...base, working: true, reason: 'override_workday' }
      : { ...base, working: false, reason: 'override_holiday' };
  }
  if (cal.useChineseHolidays) {
    const entry = packageDayEntry(date);
    if (entry) {
      return {
        date,
        working: entry.kind === 'workday',
        reason: entry.kind === 'workday' ? 'adjusted_workday' : 'public_holiday',
        name: entry.name,
        nameZh: entry.nameZh,
        officialData: true,
      };
    }
  }
  // A year without the State Council's notice (R-TL-1, #15 item 8): the holidays the regulation fixes
  // are holidays; its adjusted working days are unknown. The day stays unofficial (so the deadline is
  // provisional) until the unit's calendar confirms the year.
  const published = !cal.useChineseHolidays || hasOfficialHolidayData(year);
  const officialData = published || (cal.confirmedYears?.includes(year) ?? false);
  if (!published) {
    const statutory = statutoryHoliday(date);
    if (statutory) return { date, working: false, reason: 'public_holiday', name: statutory.name, nameZh: statutory.nameZh, officialData };
  }
  return cal.workWeek.includes(isoWeekday(date))
    ? { date, working: true, reason: 'workday', officialData }
    : { date, working: false, reason: 'weekend', officialData };
}

export function dayEntry(cal: BusinessCalendar, date: string): DayEntry {
  const cache = cacheFor(cal);
  let entry = cache.days.get(date);
  if (!entry) {
    if (!isLocalDate(date)) throw new RangeError(`not a local date 'YYYY-MM-DD': ${date}`);
    const info = classify(cal, date);
    const intervals = info.working
      ? cache.periods.map((p) => [instantAt(cal.timeZone, date, p.start), instantAt(cal.timeZone, date, p.end)] as const)
      : [];
    entry = { info, startMs: startOfDayMs(cal.timeZone, date), intervals };
    cache.days.set(date, entry);
  }
  return entry;
}

/** How the calendar treats a local date: working or not, and why (R-TL-1). */
export function dayInfo(cal: BusinessCalendar, localDate: string): DayInfo {
  return { ...dayEntry(cal, localDate).info };
}
