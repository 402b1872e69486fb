import { DateTime, IANAZone } from 'luxon';

/**
 * Local-date and wall-clock helpers. Local dates are 'YYYY-MM-DD' strings; their arithmetic goes
 * through UTC so it never depends on the process's TZ. Instants in a calendar's zone go through luxon
 * with the zone always passed explicitly.
 */

export const MINUTE_MS = 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function utcMidnight(localDate: string): Date {
  const m = DATE_RE.exec(localDate);
  if (!m) throw new RangeError(`not a local date 'YYYY-MM-DD': ${localDate}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function addDays(localDate: string, days: number): string {
  const d = utcMidnight(localDate);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The day after a local date. Day-by-day walks call this for every date they cross, so the answer is
 * memoised (a bounded map: dates in use cluster around the present).
 */
const nextDayMemo = new Map<string, string>();
export function nextDay(localDate: string): string {
  let next = nextDayMemo.get(localDate);
  if (next === undefined) {
    next = addDays(localDate, 1);
    if (nextDayMemo.size >= 100_000) nextDayMemo.clear();
    nextDayMemo.set(localDate, next);
  }
  return next;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(localDate: string): number {
  const day = utcMidnight(localDate).getUTCDay();
  return day === 0 ? 7 : day;
}

export function yearOf(localDate: string): number {
  return Number(localDate.slice(0, 4));
}

/** 'HH:mm' → minutes after midnight; '24:00' is allowed as the end of the day. */
export function parseWallTime(value: string): number | null {
  const m = TIME_RE.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/**
 * UTC offsets change only at transitions that fall on a quarter hour of UTC in every real zone since
 * 1900, so an offset looked up once per zone and 15-minute bucket is exact; luxon's own lookup goes
 * through Intl and dominated the cost of a due computation before this cache.
 */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const MAX_CACHED_OFFSETS = 200_000;
const offsetCaches = new Map<string, Map<number, number>>();

export function zoneOffsetMs(zone: string, ms: number): number {
  let cache = offsetCaches.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(zone, cache);
  }
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const minutes = IANAZone.create(zone).offset(ms);
    if (!Number.isFinite(minutes)) throw new RangeError(`unknown time zone ${zone}`);
    offset = minutes * MINUTE_MS;
    if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
    cache.set(bucket, offset);
  }
  return offset;
}

/** 'YYYY-MM-DDTHH:mm:ss.sss' of the wall clock in `zone` at `ms`. */
function wallIso(zone: string, ms: number): string {
  return new Date(ms + zoneOffsetMs(zone, ms)).toISOString();
}

export function localDateIn(zone: string, t: Date): string {
  const ms = t.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid instant');
  return wallIso(zone, ms).slice(0, 10);
}

/**
 * The instant of a local wall time on a local date. A time skipped by a DST jump moves forward
 * (luxon's rule), so a period never starts before the previous one ends.
 */
export function instantAt(zone: string, localDate: string, minuteOfDay: number): number {
  if (minuteOfDay >= 24 * 60) return startOfDayMs(zone, addDays(localDate, 1)) + (minuteOfDay - 24 * 60) * MINUTE_MS;
  const [year, month, day] = localDate.split('-').map(Number);
  return DateTime.fromObject({ year, month, day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }, { zone }).toMillis();
}

export function startOfDayMs(zone: string, localDate: string): number {
  const [year, month, day] = localDate.split('-').map(Number);
  return DateTime.fromObject({ year, month, day }, { zone }).startOf('day').toMillis();
}

/** Wall-clock label for traces, e.g. '2026-10-03 14:00' (with seconds: '2026-10-03 14:00:00'). */
export function wallLabel(zone: string, ms: number, seconds = false): string {
  return wallIso(zone, ms)
    .slice(0, seconds ? 19 : 16)
    .replace('T', ' ');
}

export function isValidZone(zone: string): boolean {
  return DateTime.local({ zone }).isValid;
}
