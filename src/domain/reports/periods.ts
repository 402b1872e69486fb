/**
 * Report periods (R-RP-1; S0 Vanke 4.1.4, 5.6.1.2, 5.6.1.3; S1 §19). Pure: periods are local dates in
 * Asia/Shanghai turned into UTC instants, `now` is passed in.
 *
 * - daily: one local day, due by the end of the next day (投诉情况日报表, Vanke 4.1.4 / 6.6).
 * - half_monthly: 1st–15th, due by the end of the 18th (「每月的18日前提交投诉半月报」). The seed names only
 *   that half; the 16th–month end is a second half-month, due with the monthly report by the 3rd of the
 *   next month, so that every date belongs to exactly one half-monthly period.
 * - monthly: the calendar month, due by the end of the 3rd of the next month (「下月3日前提交投诉月报」).
 * - quarterly: the calendar quarter, due by the end of the 5th day after it (S1 §19 「每月五日內填報投訴統計表」;
 *   Vanke 5.6.1.3 only says "every quarter").
 *
 * `start` is inclusive and `end` exclusive (the first instant of the next period); a period is closed
 * once `now >= end`.
 *
 * The due date a report shows is not this module's: it is the date each pack's own report schedule sets
 * for exactly that period (schedules.ts, use-cases/reports/report-schedules.ts packDueDates; issue #15),
 * so a node whose packs set none shows none. `dueDate` here is kept for the period arithmetic only.
 */
import { DateTime } from 'luxon';
import { invalid } from '../errors.ts';
import { MAX_YEAR, MIN_YEAR, yearInRange } from '../instant.ts';

export const REPORT_ZONE = 'Asia/Shanghai';
export const REPORT_KINDS = ['daily', 'half_monthly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportPeriod {
  kind: ReportKind;
  /** Stable key: 2026-11-24, 2026-11-H1, 2026-11, 2026Q4. */
  key: string;
  /** First local date of the period. */
  startDate: string;
  /** Last local date of the period (inclusive). */
  endDate: string;
  /** UTC instant of startDate 00:00 in Asia/Shanghai. */
  start: Date;
  /** UTC instant of the day after endDate 00:00 in Asia/Shanghai (exclusive). */
  end: Date;
  /** Last local date on which the report is on time. */
  dueDate: string;
  /** UTC instant after which the report is late (the day after dueDate 00:00 local). */
  dueBy: Date;
  labelZh: string;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' as a local date in Asia/Shanghai; throws VALIDATION for a malformed or impossible date. */
export function parseLocalDate(value: string, field = 'period'): DateTime {
  const m = LOCAL_DATE.exec(value);
  if (!m) throw invalid(field, `must be a date YYYY-MM-DD, got '${value}'`);
  if (!yearInRange(Number(m[1]))) throw invalid(field, `must have a year from ${MIN_YEAR} to ${MAX_YEAR}, got '${value}'`);
  const dt = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: REPORT_ZONE });
  if (!dt.isValid) throw invalid(field, `'${value}' is not a calendar date`);
  return dt;
}

const iso = (d: DateTime) => d.toFormat('yyyy-MM-dd');

function build(kind: ReportKind, key: string, first: DateTime, last: DateTime, due: DateTime, labelZh: string): ReportPeriod {
  return {
    kind,
    key,
    startDate: iso(first),
    endDate: iso(last),
    start: first.startOf('day').toJSDate(),
    end: last.plus({ days: 1 }).startOf('day').toJSDate(),
    dueDate: iso(due),
    dueBy: due.plus({ days: 1 }).startOf('day').toJSDate(),
    labelZh,
  };
}

/** The period of `kind` that contains the local date `date` (any date inside the period). */
export function periodContaining(kind: ReportKind, date: string | DateTime): ReportPeriod {
  const d = (typeof date === 'string' ? parseLocalDate(date) : date.setZone(REPORT_ZONE)).startOf('day');
  const ym = d.toFormat('yyyy-MM');
  const ymZh = `${d.year}年${d.month}月`;
  switch (kind) {
    case 'daily':
      return build(kind, iso(d), d, d, d.plus({ days: 1 }), `${ymZh}${d.day}日`);
    case 'half_monthly': {
      if (d.day <= 15) {
        return build(kind, `${ym}-H1`, d.set({ day: 1 }), d.set({ day: 15 }), d.set({ day: 18 }), `${ymZh}上半月（1日—15日）`);
      }
      const last = d.endOf('month').startOf('day');
      return build(kind, `${ym}-H2`, d.set({ day: 16 }), last, last.plus({ days: 3 }), `${ymZh}下半月（16日—${last.day}日）`);
    }
    case 'monthly': {
      const first = d.startOf('month');
      return build(kind, ym, first, first.endOf('month').startOf('day'), first.plus({ months: 1 }).set({ day: 3 }), ymZh);
    }
    case 'quarterly': {
      const q = Math.ceil(d.month / 3);
      const first = d.set({ month: (q - 1) * 3 + 1, day: 1 });
      const last = first.plus({ months: 3 }).minus({ days: 1 });
      return build(kind, `${d.year}Q${q}`, first, last, first.plus({ months: 3 }).set({ day: 5 }), `${d.year}年第${'一二三四'[q - 1]}季度`);
    }
  }
}

/** '2026Q4' → the quarter; throws VALIDATION otherwise. */
export function parseQuarter(value: string, field = 'quarter'): ReportPeriod {
  const m = /^(\d{4})Q([1-4])$/.exec(value);
  if (!m) throw invalid(field, `must look like 2026Q4, got '${value}'`);
  if (!yearInRange(Number(m[1]))) throw invalid(field, `must have a year from ${MIN_YEAR} to ${MAX_YEAR}, got '${value}'`);
  const month = (Number(m[2]) - 1) * 3 + 1;
  return periodContaining('quarterly', `${m[1]}-${String(month).padStart(2, '0')}-01`);
}

/** The local date (Asia/Shanghai) of an instant. */
export function localDateOf(instant: Date): string {
  return iso(DateTime.fromJSDate(instant, { zone: REPORT_ZONE }));
}

export function isClosed(period: Pick<ReportPeriod, 'end'>, now: Date): boolean {
  return now.getTime() >= period.end.getTime();
}

/** Whether the report for the period is late at `now` (closed and past its due date). */
export function isOverdue(period: Pick<ReportPeriod, 'dueBy'>, now: Date): boolean {
  return now.getTime() >= period.dueBy.getTime();
}

/** The period after (step 1) or before (step -1) this one. */
export function adjacentPeriod(period: ReportPeriod, step: 1 | -1): ReportPeriod {
  const edge =
    step === 1
      ? DateTime.fromJSDate(period.end, { zone: REPORT_ZONE })
      : DateTime.fromJSDate(period.start, { zone: REPORT_ZONE }).minus({ days: 1 });
  return periodContaining(period.kind, edge);
}

/** The `count` most recent periods of `kind` that are closed at `now`, newest first. */
export function closedPeriods(kind: ReportKind, now: Date, count: number): ReportPeriod[] {
  let p = periodContaining(kind, DateTime.fromJSDate(now, { zone: REPORT_ZONE }));
  if (!isClosed(p, now)) p = adjacentPeriod(p, -1);
  const out: ReportPeriod[] = [];
  for (let i = 0; i < count; i++) {
    out.push(p);
    p = adjacentPeriod(p, -1);
  }
  return out;
}

/** The instant facts are read "as of": the period end, or `now` while the period is still running. */
export function asOfInstant(period: Pick<ReportPeriod, 'end'>, now: Date): Date {
  return now.getTime() < period.end.getTime() ? now : period.end;
}
