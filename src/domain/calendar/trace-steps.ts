import type { BusinessCalendar, ClockTraceStep } from '../contracts.ts';
import type { DayInfo } from './day-info.ts';
import { MINUTE_MS, wallLabel } from './local-time.ts';

/**
 * Builds the bilingual trace of a business-time computation. Consecutive rest days of one kind are
 * merged into a single step so a National Day week reads as one line, not seven.
 */
export class TraceBuilder {
  readonly steps: ClockTraceStep[] = [];
  private run: { info: DayInfo; from: string; to: string } | null = null;
  private readonly flaggedYears = new Set<number>();

  constructor(private readonly cal: BusinessCalendar) {}

  /** Records the missing-data flag once per year crossed (R-TL-1). */
  noteDay(info: DayInfo): void {
    const year = Number(info.date.slice(0, 4));
    if (info.officialData || this.flaggedYears.has(year)) return;
    this.flaggedYears.add(year);
    this.flush();
    // The year's span in from/to lets a reader find which years left a deadline provisional.
    this.steps.push({
      kind: 'no-holiday-data',
      detail: `Provisional: ${year}'s official holiday arrangement is not published; statutory holidays are counted, adjusted working days are unknown`,
      detailZh: `暂定：${year} 年官方放假安排尚未发布，已按法定节假日计算，调休上班日未知`,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    });
  }

  restDay(info: DayInfo): void {
    if (this.run && sameRun(this.run.info, info)) {
      this.run.to = info.date;
      return;
    }
    this.flush();
    this.run = { info, from: info.date, to: info.date };
  }

  workingSpan(info: DayInfo, fromMs: number, toMs: number): void {
    this.flush();
    const minutes = formatMinutes((toMs - fromMs) / MINUTE_MS);
    const span = `${wallLabel(this.cal.timeZone, fromMs)}–${wallLabel(this.cal.timeZone, toMs).slice(11)}`;
    const iso = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
    if (info.reason === 'adjusted_workday') {
      this.steps.push({
        kind: 'adjusted-workday',
        detail: `Counted ${minutes} min on adjusted working day (${info.name}) ${span}`,
        detailZh: `计入 ${minutes} 分钟（${info.nameZh ?? info.name}调休上班日）${span}`,
        ...iso,
      });
    } else if (info.reason === 'override_workday') {
      this.steps.push({
        kind: 'override',
        detail: `Counted ${minutes} min on a working day set by the unit${info.name ? ` (${info.name})` : ''} ${span}`,
        detailZh: `计入 ${minutes} 分钟（本单位设定的工作日${info.name ? `：${info.name}` : ''}）${span}`,
        ...iso,
      });
    } else {
      this.steps.push({
        kind: 'working-period',
        detail: `Counted ${minutes} min of working time ${span}`,
        detailZh: `计入工作时间 ${minutes} 分钟 ${span}`,
        ...iso,
      });
    }
  }

  countedDay(info: DayInfo, ordinal: number, total: number): void {
    this.flush();
    const adjusted = info.reason === 'adjusted_workday';
    const override = info.reason === 'override_workday';
    this.steps.push({
      kind: adjusted ? 'adjusted-workday' : override ? 'override' : 'working-day',
      detail: `Working day ${ordinal} of ${total}: ${info.date}${adjusted ? ` (adjusted working day, ${info.name})` : override ? ' (set by the unit)' : ''}`,
      detailZh: `第 ${ordinal}/${total} 个工作日：${info.date}${adjusted ? `（${info.nameZh ?? info.name}调休上班）` : override ? '（本单位设定）' : ''}`,
      from: info.date,
      to: info.date,
    });
  }

  finish(): ClockTraceStep[] {
    this.flush();
    return this.steps;
  }

  private flush(): void {
    if (!this.run) return;
    const { info, from, to } = this.run;
    this.run = null;
    const range = from === to ? from : `${from} – ${to}`;
    if (info.reason === 'public_holiday') {
      this.steps.push({
        kind: 'skip-holiday',
        detail: `Skipped public holiday ${info.name} ${range}`,
        detailZh: `跳过法定节假日「${info.nameZh ?? info.name}」${range}`,
        from,
        to,
      });
    } else if (info.reason === 'override_holiday') {
      this.steps.push({
        kind: 'override',
        detail: `Skipped rest day set by the unit${info.name ? ` (${info.name})` : ''} ${range}`,
        detailZh: `跳过本单位设定的休息日${info.name ? `「${info.name}」` : ''} ${range}`,
        from,
        to,
      });
    } else {
      this.steps.push({ kind: 'skip-weekend', detail: `Skipped weekend ${range}`, detailZh: `跳过周末 ${range}`, from, to });
    }
  }
}

function sameRun(a: DayInfo, b: DayInfo): boolean {
  return a.reason === b.reason && a.name === b.name;
}

function formatMinutes(m: number): string {
  return Number.isInteger(m) ? String(m) : m.toFixed(2);
}
