/**
 * A pack's report schedules as periods and due dates (R-RP-1; issue #15 item 1). Every date comes from
 * the schedule itself, never from another pack or a built-in default: Vanke's half-monthly report by the
 * 18th, its monthly report by the 3rd, its maintenance record by the 27th (S0 Vanke 5.6.1.1–5.6.1.2), S1's
 * statistics by the 5th (S1 第十九条). Pure: local dates in Asia/Shanghai, `now` passed in.
 *
 * - daily: one local day, due the next day (投诉情况日报表).
 * - monthly, previous_month, day D: the calendar month, due by day D of the next month.
 * - monthly, current_month, day D, through T: the 1st–Tth of the month, due by day D of the same month.
 * - monthly, current_month, day D: from day D of the month before to the eve of day D, due on day D.
 * - quarterly: the calendar quarter, due by its last day (Vanke 5.6.1.3 「对本季度…进行总结」).
 *
 * A due date is inclusive: the report is on time through the end of that local day. The reminder is sent
 * from three days before the due date, never before the period's first day.
 */
import { DateTime } from 'luxon';
import { parseLocalDate, REPORT_ZONE, type ReportPeriod } from './periods.ts';

export type ScheduleDue =
  | { kind: 'daily' }
  | { kind: 'monthly'; day: number; period: 'current_month' | 'previous_month'; through?: number }
  | { kind: 'quarterly' };

/** A period of a pack's schedule: a report period (periods.ts) whose key is stable within the schedule ('2026-11-01..2026-11-15'). */
export interface ScheduledPeriod extends Omit<ReportPeriod, 'kind'> {
  /** First local date on which its due reminder is sent. */
  remindDate: string;
}

/** Days before the due date that the reminder is sent (never before the period starts). */
export const REMIND_DAYS_BEFORE = 3;

const iso = (d: DateTime) => d.toFormat('yyyy-MM-dd');
const QUARTER_ZH = '一二三四';

function build(first: DateTime, last: DateTime, due: DateTime, labelZh: string): ScheduledPeriod {
  const remind = DateTime.max(first, due.minus({ days: REMIND_DAYS_BEFORE }));
  return {
    key: `${iso(first)}..${iso(last)}`,
    startDate: iso(first),
    endDate: iso(last),
    start: first.startOf('day').toJSDate(),
    end: last.plus({ days: 1 }).startOf('day').toJSDate(),
    dueDate: iso(due),
    dueBy: due.plus({ days: 1 }).startOf('day').toJSDate(),
    remindDate: iso(remind),
    labelZh,
  };
}

const rangeZh = (a: DateTime, b: DateTime) =>
  a.year !== b.year
    ? `${a.year}年${a.month}月${a.day}日—${b.year}年${b.month}月${b.day}日`
    : a.month !== b.month
      ? `${a.year}年${a.month}月${a.day}日—${b.month}月${b.day}日`
      : `${a.year}年${a.month}月${a.day}日—${b.day}日`;

/**
 * The period whose report is due in the step `anchor` names: the day itself (daily), the month of the
 * due date (monthly), the quarter (quarterly).
 */
function periodDueIn(due: ScheduleDue, anchor: DateTime): ScheduledPeriod {
  switch (due.kind) {
    case 'daily': {
      const day = anchor.minus({ days: 1 });
      return build(day, day, anchor, `${day.year}年${day.month}月${day.day}日`);
    }
    case 'monthly': {
      const dueDay = anchor.set({ day: due.day });
      if (due.period === 'previous_month') {
        const first = anchor.minus({ months: 1 }).startOf('month');
        return build(first, first.endOf('month').startOf('day'), dueDay, `${first.year}年${first.month}月`);
      }
      if (due.through !== undefined) {
        const first = anchor.startOf('month');
        const last = first.set({ day: due.through });
        return build(first, last, dueDay, rangeZh(first, last));
      }
      const first = anchor.minus({ months: 1 }).set({ day: due.day });
      const last = dueDay.minus({ days: 1 });
      return build(first, last, dueDay, rangeZh(first, last));
    }
    case 'quarterly': {
      const q = Math.ceil(anchor.month / 3);
      const first = anchor.set({ month: (q - 1) * 3 + 1, day: 1 });
      const last = first.plus({ months: 3 }).minus({ days: 1 });
      return build(first, last, last, `${first.year}年第${QUARTER_ZH[q - 1]}季度`);
    }
  }
}

function localDay(date: string | DateTime): DateTime {
  return (typeof date === 'string' ? parseLocalDate(date) : date.setZone(REPORT_ZONE)).startOf('day');
}

/** The report due next on `date`: the period with the earliest due date on or after it. */
export function nextDuePeriod(due: ScheduleDue, date: string | DateTime): ScheduledPeriod {
  const d = localDay(date);
  switch (due.kind) {
    case 'daily':
      return periodDueIn(due, d);
    case 'monthly':
      return periodDueIn(due, d.day <= due.day ? d.startOf('month') : d.startOf('month').plus({ months: 1 }));
    case 'quarterly':
      return periodDueIn(due, d);
  }
}

/** The period before `period` in the same schedule. */
export function previousDuePeriod(due: ScheduleDue, period: ScheduledPeriod): ScheduledPeriod {
  const dueDay = parseLocalDate(period.dueDate);
  switch (due.kind) {
    case 'daily':
      return periodDueIn(due, dueDay.minus({ days: 1 }));
    case 'monthly':
      return periodDueIn(due, dueDay.startOf('month').minus({ months: 1 }));
    case 'quarterly':
      return periodDueIn(due, parseLocalDate(period.startDate).minus({ days: 1 }));
  }
}

/** The period of the schedule that contains the local date `date` (for producing its report). */
export function periodContainingDate(due: ScheduleDue, date: string | DateTime): ScheduledPeriod {
  const d = localDay(date);
  let p = nextDuePeriod(due, d);
  // At most two steps in either direction: a period never spans more than a quarter.
  for (let i = 0; i < 4 && iso(d) < p.startDate; i++) p = previousDuePeriod(due, p);
  if (iso(d) > p.endDate) {
    // Days no period of this schedule covers (after a `through` day): the next period's report.
    const next = nextDuePeriod(due, parseLocalDate(p.dueDate).plus({ days: 1 }));
    return next;
  }
  return p;
}

/** Whether the schedule's reminder for `period` is owed at `now`: from its remind date through its due date. */
export function reminderOwed(period: ScheduledPeriod, now: Date): boolean {
  const today = iso(DateTime.fromJSDate(now, { zone: REPORT_ZONE }));
  return today >= period.remindDate && today <= period.dueDate;
}

/** The local date of `now` in the report zone. */
export function todayLocal(now: Date): string {
  return iso(DateTime.fromJSDate(now, { zone: REPORT_ZONE }));
}
