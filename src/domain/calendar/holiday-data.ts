import { createRequire } from 'node:module';

/**
 * The `chinese-days` package's holiday and adjusted-workday data, keyed by local date string.
 *
 * Why not call the package's functions (R-TL-1): the package builds its own lookup table at import
 * time by formatting Date.UTC midnights with local-time getters, so under a zone west of UTC every key
 * is shifted one day back, and its query functions shift again. Its answers therefore depend on the
 * process's TZ in two different ways. The package also ships the same table as a published JSON file
 * (documented in its README, built in a fixed zone); reading that file gives answers that depend only
 * on the 'YYYY-MM-DD' string. test/domain/calendar-timezone.test.ts checks both facts.
 */

export interface PackageDayEntry {
  kind: 'holiday' | 'workday';
  name: string;
  nameZh: string;
}

type RawTable = Record<string, string>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function readTable(raw: unknown, key: string): RawTable {
  const table = (raw as Record<string, unknown> | null)?.[key];
  if (typeof table !== 'object' || table === null) {
    throw new Error(`chinese-days data: "${key}" table missing; the package format changed`);
  }
  for (const [date, value] of Object.entries(table)) {
    if (!DATE_RE.test(date) || typeof value !== 'string') {
      throw new Error(`chinese-days data: unexpected entry ${key}[${date}]; the package format changed`);
    }
  }
  return table as RawTable;
}

// Entries look like "National Day,国庆节,3": English name, Chinese name, number of days.
function toEntry(kind: PackageDayEntry['kind'], value: string): PackageDayEntry {
  const [name, nameZh] = value.split(',');
  return { kind, name: name ?? value, nameZh: nameZh ?? name ?? value };
}

const raw: unknown = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');

const entries = new Map<string, PackageDayEntry>();
const years = new Set<number>();
for (const [date, value] of Object.entries(readTable(raw, 'holidays'))) {
  entries.set(date, toEntry('holiday', value));
  years.add(Number(date.slice(0, 4)));
}
// The two tables are disjoint in the data; should a future release overlap them, the adjusted workday
// (调休) wins because it is the more specific statement about that date.
for (const [date, value] of Object.entries(readTable(raw, 'workdays'))) {
  entries.set(date, toEntry('workday', value));
  years.add(Number(date.slice(0, 4)));
}

const sortedYears = [...years].sort((a, b) => a - b);

export function packageDayEntry(localDate: string): PackageDayEntry | undefined {
  return entries.get(localDate);
}

/** Whether the package holds the State Council's arrangement for this year (R-TL-1). */
export function hasOfficialHolidayData(year: number): boolean {
  return years.has(year);
}

/** First and last year the package covers; outside it, weekends are used and the result is flagged. */
export function officialHolidayYears(): { from: number; to: number } {
  return { from: sortedYears[0], to: sortedYears[sortedYears.length - 1] };
}
