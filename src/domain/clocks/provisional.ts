/**
 * Deadlines computed across a year without the official holiday arrangement are provisional (R-TL-1,
 * #15 item 8): the trace of such a clock carries a 'no-holiday-data' step for the year. Once the data
 * package publishes the year or the unit's calendar confirms it, recomputation is offered, never done
 * silently (the stored deadline is what the complaint was promised until a person recomputes it).
 */
import type { BusinessCalendar, ClockRecord, ClockTraceStep } from '../contracts.ts';
import { hasOfficialHolidayData } from '../calendar/holiday-data.ts';

/** The years whose missing arrangement a trace flagged, ascending. */
export function flaggedYears(trace: readonly ClockTraceStep[]): number[] {
  const years = new Set<number>();
  for (const s of trace) if (s.kind === 'no-holiday-data' && s.from) years.add(Number(s.from.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

export interface DeadlineStanding {
  /** Years some running clock counted without the arrangement, still neither published nor confirmed. */
  provisionalYears: number[];
  /** Flagged years that have since been published or confirmed: recomputing would settle them. */
  settledYears: number[];
  /** The running clocks whose deadline is provisional. */
  clocks: string[];
}

/** Whether a year counts as settled for this calendar now. */
export function yearSettled(calendar: BusinessCalendar, year: number): boolean {
  return !calendar.useChineseHolidays || hasOfficialHolidayData(year) || (calendar.confirmedYears?.includes(year) ?? false);
}

/** What a complaint's running clocks say about provisional deadlines, against the unit's calendar now. */
export function deadlineStanding(clocks: readonly ClockRecord[], calendar: BusinessCalendar): DeadlineStanding {
  const provisional = new Set<number>();
  const settled = new Set<number>();
  const names: string[] = [];
  for (const c of clocks) {
    if (c.state !== 'running') continue;
    const years = flaggedYears(c.trace);
    if (years.length) names.push(c.name);
    for (const y of years) (yearSettled(calendar, y) ? settled : provisional).add(y);
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { provisionalYears: sorted(provisional), settledYears: sorted(settled), clocks: names };
}
