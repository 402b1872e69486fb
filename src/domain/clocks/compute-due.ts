import { DateTime } from 'luxon';
import type { BusinessCalendar, ClockTraceStep, DueRule } from '../contracts.ts';
import {
  addBusinessDays,
  addBusinessMinutes,
  dayInfo,
  endOfLocalDay,
  localDateOf,
  localWallTime,
  nextWorkingStart,
} from '../calendar/index.ts';
import { describeRule } from './describe-rule.ts';
import { receiptClassOf, RECEIPT_CLASS_TEXT, type ReceiptClass } from './receipt-class.ts';

export type LeafDueRule = Exclude<DueRule, { kind: 'by_receipt_class' }>;

/** The rule that actually applies at `start`, with the receipt class that chose it (R-TL-2). */
export function resolveRule(
  cal: BusinessCalendar,
  rule: DueRule,
  start: Date,
): { rule: LeafDueRule; countFrom: Date; receiptClass: ReceiptClass | null } {
  if (rule.kind !== 'by_receipt_class') return { rule, countFrom: start, receiptClass: null };
  const receiptClass = receiptClassOf(cal, start);
  const inner =
    receiptClass === 'in_hours' ? rule.inHours : receiptClass === 'outside_hours_workday' ? rule.outsideHoursWorkday : rule.restDay;
  // Off-hours on a working day counts from when work starts (Vanke 5.2.2 D: 上班后一小时内).
  const countFrom = receiptClass === 'outside_hours_workday' ? nextWorkingStart(cal, start) : start;
  const resolved = resolveRule(cal, inner, countFrom);
  return { rule: resolved.rule, countFrom: resolved.countFrom, receiptClass };
}

/** Whether a rule measures wall-clock time (pauses then shift the due instant by wall time). */
export function isWallClockRule(rule: LeafDueRule): boolean {
  return rule.kind === 'calendar_hours' || rule.kind === 'calendar_minutes' || rule.kind === 'calendar_days';
}

function leafDue(cal: BusinessCalendar, rule: LeafDueRule, start: Date): { due: Date; trace: ClockTraceStep[] } {
  switch (rule.kind) {
    case 'business_minutes':
      return addBusinessMinutes(cal, start, rule.minutes);
    case 'business_hours':
      return addBusinessMinutes(cal, start, rule.hours * 60);
    case 'business_days':
      return addBusinessDays(cal, start, rule.days);
    case 'calendar_minutes':
      return { due: new Date(start.getTime() + checked(rule.minutes) * 60_000), trace: [] };
    case 'calendar_hours':
      return { due: new Date(start.getTime() + checked(rule.hours) * 3_600_000), trace: [] };
    case 'calendar_days': {
      // Whole local days keep the wall time even across a DST change in zones that have one.
      const due = DateTime.fromJSDate(start, { zone: cal.timeZone }).plus({ days: checked(rule.days) });
      return { due: due.toJSDate(), trace: [] };
    }
    case 'end_of_day':
      return { due: endOfLocalDay(cal, start), trace: [] };
  }
}

function checked(n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`a due rule needs a non-negative finite number, got ${n}`);
  return n;
}

/**
 * The due instant of `rule` for a clock started at `start`, with a trace that answers "why is this
 * due then?": the receipt class when the rule depends on it, the rule applied, the business time
 * counted and the rest days skipped, and the due instant itself.
 */
export function computeDue(cal: BusinessCalendar, rule: DueRule, start: Date): { due: Date; trace: ClockTraceStep[] } {
  const zone = cal.timeZone;
  const wall = (d: Date) => localWallTime(cal, d);
  const trace: ClockTraceStep[] = [];
  const resolved = resolveRule(cal, rule, start);

  if (resolved.receiptClass) {
    const info = dayInfo(cal, localDateOf(cal, start));
    const text = RECEIPT_CLASS_TEXT[resolved.receiptClass];
    const dayNote = info.name ? ` (${info.name})` : '';
    const dayNoteZh = info.nameZh ? `（${info.nameZh}）` : '';
    trace.push({
      kind: 'receipt-class',
      detail: `Started ${wall(start)}${dayNote}: ${text.en}, so the rule for that case applies: ${describeRule(resolved.rule).en}`,
      detailZh: `起算时间 ${wall(start)}${dayNoteZh}：${text.zh}，适用规则：${describeRule(resolved.rule).zh}`,
      from: start.toISOString(),
    });
    if (resolved.countFrom.getTime() !== start.getTime()) {
      trace.push({
        kind: 'count-from',
        detail: `Counted from the start of the next working period, ${wall(resolved.countFrom)}`,
        detailZh: `自下一个工作时段开始 ${wall(resolved.countFrom)} 起算`,
        from: resolved.countFrom.toISOString(),
      });
    }
  } else {
    trace.push({
      kind: 'rule',
      detail: `Rule: ${describeRule(resolved.rule).en}, started ${wall(start)}`,
      detailZh: `规则：${describeRule(resolved.rule).zh}，起算时间 ${wall(start)}`,
      from: start.toISOString(),
    });
  }

  const { due, trace: steps } = leafDue(cal, resolved.rule, resolved.countFrom);
  trace.push(...steps);
  trace.push({
    kind: 'due',
    detail: `Due ${localWallTime(cal, due, true)} (${zone}, calendar v${cal.version})`,
    detailZh: `截止时间 ${localWallTime(cal, due, true)}（${zone}，日历版本 ${cal.version}）`,
    to: due.toISOString(),
  });
  return { due, trace };
}
