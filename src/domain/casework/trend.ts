/**
 * Recurring patterns for the case library (R-RP-2, Vanke 5.6.2.1 及时发现重复出现和具有代表意义的案例):
 * monthly complaint counts per unit and category over a window of local months, and whether they rise.
 */
import { DateTime } from 'luxon';

export const PATTERN_ZONE = 'Asia/Shanghai';

/** The `months` local months ending with the month of `now`: keys 'YYYY-MM' and the instant bounds. */
export function monthWindow(now: Date, months: number, zone = PATTERN_ZONE): { keys: string[]; start: Date; end: Date } {
  const current = DateTime.fromJSDate(now, { zone }).startOf('month');
  const first = current.minus({ months: months - 1 });
  const keys = Array.from({ length: months }, (_, i) => first.plus({ months: i }).toFormat('yyyy-MM'));
  return { keys, start: first.toJSDate(), end: current.plus({ months: 1 }).toJSDate() };
}

export interface Trend {
  total: number;
  /** Least-squares slope in complaints per month. */
  slope: number;
  rising: boolean;
}

/**
 * Rising: the fitted slope is positive, the later half of the window has more complaints than the
 * earlier half, the last month is above the first, and there are at least `minTotal` complaints
 * (one or two complaints are not a pattern).
 */
export function trendOf(counts: readonly number[], minTotal = 3): Trend {
  const n = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  if (n < 2) return { total, slope: 0, rising: false };
  const meanX = (n - 1) / 2;
  const meanY = total / n;
  let num = 0;
  let den = 0;
  counts.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = Math.round((num / den) * 1000) / 1000;
  const half = Math.floor(n / 2);
  const early = counts.slice(0, half).reduce((a, b) => a + b, 0);
  const late = counts.slice(n - half).reduce((a, b) => a + b, 0);
  const rising = total >= minTotal && slope > 0 && late > early && counts[n - 1] > counts[0];
  return { total, slope, rising };
}

export interface MonthlyCount {
  unitId: string;
  categoryId: string;
  month: string;
  n: number;
}

export interface Pattern extends Trend {
  unitId: string;
  categoryId: string;
  months: { month: string; count: number }[];
}

/** Groups the SQL aggregate by unit and category, fills missing months with 0, keeps the rising ones. */
export function detectPatterns(rows: readonly MonthlyCount[], keys: readonly string[], minTotal = 3): Pattern[] {
  const groups = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const k = `${r.unitId}\u0000${r.categoryId}`;
    const m = groups.get(k) ?? new Map<string, number>();
    m.set(r.month, (m.get(r.month) ?? 0) + Number(r.n));
    groups.set(k, m);
  }
  const out: Pattern[] = [];
  for (const [k, m] of groups) {
    const [unitId, categoryId] = k.split('\u0000');
    const counts = keys.map((key) => m.get(key) ?? 0);
    const t = trendOf(counts, minTotal);
    if (t.rising) out.push({ unitId, categoryId, ...t, months: keys.map((month, i) => ({ month, count: counts[i] })) });
  }
  return out.sort(
    (a, b) => b.slope - a.slope || b.total - a.total || a.unitId.localeCompare(b.unitId) || a.categoryId.localeCompare(b.categoryId),
  );
}
