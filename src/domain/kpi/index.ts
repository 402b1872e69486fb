/**
 * Complaint-handling KPIs (R-RS-4). Pure arithmetic over counts the use case aggregates in SQL.
 *
 * - Specialist closure rate, evaluated quarterly (S0 Vanke 4.1.6 「根據有效投訴的處理結果統計以投訴關閉率為基本指標
 *   對各客服專員的工作情況進行評比」): valid complaints received at the specialist's units in the quarter
 *   and closed by the quarter's end, over valid complaints received there in the quarter.
 * - Handling timeliness (S3 《外贸部销售主管绩效考核表》 「客户投诉处理及时率」), monthly:
 *   ① 接客户投诉后,在1小时形成客户投诉处理单,每滞后1小时减(0.5)分 — the record (created_at) must exist within
 *     1 h of receipt (received_at); every started hour beyond that costs 0.5;
 *   ② 须在常务副总指定时间完成,不能按时完成减(1)分 — read as the complaint's answer time limit (reply / resolve
 *     clock) being missed: −1 per complaint (the follow-up "经批示仍不能完成追加减1分" has no record here);
 *   ③ 一月中如未出现客户投诉则以满分计算,每次客户投诉处理及时可加(1)分,但最多可加(3)分 — a month without complaints
 *     scores the full score; +1 per complaint handled on time, at most +3.
 *   The sheet gives no weight (full score) for this item, so `fullScore` is a parameter (default 10);
 *   the score is never below 0. The quarter's score is the mean of its three months.
 * - Satisfaction at the return visit (food 7.3): mean of the visit scores (1–5).
 * - Fuel retail (R-RS-3, S0 第五篇 §14–15): penalty points and fines per station, via assessment/fuelPenalty.
 */
import type { PenaltyTable } from '../../policies/pack-schema.ts';
import { fuelPenalty, type FuelLevel, type FuelOverdue } from '../assessment/fuel-penalty.ts';

export function ratio(numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  return Math.min(1, Math.max(0, numerator / denominator));
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- closure rate (Vanke 4.1.6)

export interface ClosureCounts {
  /** Valid complaints received at the specialist's units in the quarter. */
  validReceived: number;
  /** Of those, closed at or before the quarter's end. */
  validClosed: number;
}

export function closureRate(c: ClosureCounts): number | null {
  const r = ratio(Math.min(c.validClosed, c.validReceived), c.validReceived);
  return r === null ? null : round(r);
}

// ---------------------------------------------------------------- timeliness (S3 KPI sheet)

export interface TimelinessRules {
  recordWithinMinutes: number;
  deductionPerHourLate: number;
  lateCompletionDeduction: number;
  bonusPerTimely: number;
  maxBonus: number;
  fullScore: number;
  /** Clocks whose breach means "not completed in the set time" (②). */
  completionClocks: string[];
}

export const S3_TIMELINESS_RULES: TimelinessRules = {
  recordWithinMinutes: 60,
  deductionPerHourLate: 0.5,
  lateCompletionDeduction: 1,
  bonusPerTimely: 1,
  maxBonus: 3,
  fullScore: 10,
  completionClocks: ['reply', 'resolve'],
};

/**
 * The full score of 客户投诉处理及时率 for a report over units whose packs set `settings` (undefined: not set).
 * The S3 sheet gives none (issue #15 item 9): the default 10 is an assumption, and the report says so until
 * every unit's pack names one and the same value.
 */
export function timelinessFullScore(settings: readonly (number | undefined)[]): { fullScore: number; fullScoreAssumed: boolean } {
  const values = new Set(settings);
  const [only] = values;
  if (values.size === 1 && only !== undefined) return { fullScore: only, fullScoreAssumed: false };
  return { fullScore: S3_TIMELINESS_RULES.fullScore, fullScoreAssumed: true };
}

/** Whole started hours by which the record was late (0 when formed within the limit). */
export function hoursLate(
  receivedAt: Date,
  recordedAt: Date,
  rules: Pick<TimelinessRules, 'recordWithinMinutes'> = S3_TIMELINESS_RULES,
): number {
  const lateMs = recordedAt.getTime() - receivedAt.getTime() - rules.recordWithinMinutes * 60_000;
  return lateMs <= 0 ? 0 : Math.ceil(lateMs / 3_600_000);
}

export interface MonthTimeliness {
  complaints: number;
  /** Sum of hoursLate over the month's complaints. */
  lateHours: number;
  /** Complaints whose completion limit was missed (②). */
  lateCompletions: number;
  /** Complaints recorded within the limit and completed on time (③ bonus). */
  timely: number;
}

export interface TimelinessScore {
  score: number;
  deductions: number;
  bonus: number;
  /** Share of complaints recorded within the limit and completed on time. */
  timelyRate: number | null;
}

export function monthTimelinessScore(m: MonthTimeliness, rules: TimelinessRules = S3_TIMELINESS_RULES): TimelinessScore {
  if (m.complaints <= 0) return { score: rules.fullScore, deductions: 0, bonus: 0, timelyRate: null };
  const deductions = Math.max(0, m.lateHours) * rules.deductionPerHourLate + Math.max(0, m.lateCompletions) * rules.lateCompletionDeduction;
  const bonus = Math.min(rules.maxBonus, Math.max(0, m.timely) * rules.bonusPerTimely);
  const score = Math.max(0, rules.fullScore - deductions + bonus);
  return { score: round(score, 2), deductions: round(deductions, 2), bonus, timelyRate: ratio(m.timely, m.complaints) };
}

/** Mean of the months' scores; months with no complaints count as full score (③). */
export function quarterTimelinessScore(months: MonthTimeliness[], rules: TimelinessRules = S3_TIMELINESS_RULES): number {
  if (!months.length) return rules.fullScore;
  const sum = months.reduce((s, m) => s + monthTimelinessScore(m, rules).score, 0);
  return round(sum / months.length, 2);
}

// ---------------------------------------------------------------- satisfaction (food 7.3)

export function satisfactionAverage(sum: number, count: number): number | null {
  if (!(count > 0)) return null;
  return round(sum / count, 2);
}

// ---------------------------------------------------------------- fuel retail (R-RS-3)

export interface FuelGroup {
  stationId: string;
  level: FuelLevel;
  valid: boolean;
  /** At or past the table's nth valid complaint at the station in the calendar year (§14.4). */
  escalated: boolean;
  overdue: FuelOverdue;
  count: number;
  /** The penalty table of the group's complaints (their effective pack); the default table when absent. */
  penalties?: PenaltyTable;
}

export interface StationPenalty {
  stationId: string;
  complaints: number;
  validComplaints: number;
  byLevel: Record<FuelLevel, number>;
  dismissals: number;
  /** Points deducted from the area's assessment (a non-negative number of points). */
  pointsDeducted: number;
  fineYuan: number;
  overdueFineYuan: number;
  totalYuan: number;
}

/** Station totals: one fuelPenalty per group of identical cases, times the group's size. */
export function stationPenalties(groups: FuelGroup[], defaultTable: PenaltyTable): StationPenalty[] {
  const by = new Map<string, StationPenalty>();
  for (const g of groups) {
    if (g.count <= 0) continue;
    const table = g.penalties ?? defaultTable;
    const nthEscalating = table.repeatAtStation?.nthValidComplaintInYear;
    const p = fuelPenalty(
      {
        level: g.level,
        valid: g.valid,
        directPersonId: 'direct',
        stationManagerId: 'station_manager',
        areaManagerId: 'area_manager',
        priorValidComplaintsThisYearAtStation: g.valid && g.escalated && nthEscalating !== undefined ? nthEscalating - 1 : 0,
        overdue: g.overdue,
      },
      table,
    );
    let s = by.get(g.stationId);
    if (!s) {
      s = {
        stationId: g.stationId,
        complaints: 0,
        validComplaints: 0,
        byLevel: Object.fromEntries(table.byLevel.map((b) => [b.level, 0])),
        dismissals: 0,
        pointsDeducted: 0,
        fineYuan: 0,
        overdueFineYuan: 0,
        totalYuan: 0,
      };
      by.set(g.stationId, s);
    }
    s.complaints += g.count;
    if (g.valid) {
      s.validComplaints += g.count;
      s.byLevel[g.level] = (s.byLevel[g.level] ?? 0) + g.count;
    }
    if (p.dismissal) s.dismissals += g.count;
    s.pointsDeducted += Math.abs(p.areaPoints) * g.count;
    // Sums in fen, then yuan, so the totals carry no float drift.
    s.fineYuan = (Math.round(s.fineYuan * 100) + p.fineFen * g.count) / 100;
    s.overdueFineYuan = (Math.round(s.overdueFineYuan * 100) + p.overdueFineFen * g.count) / 100;
    s.totalYuan = (Math.round(s.fineYuan * 100) + Math.round(s.overdueFineYuan * 100)) / 100;
  }
  return [...by.values()];
}

// ---------------------------------------------------------------- ranking

/**
 * Competition ranking ("1, 2, 2, 4") by a numeric key, best first; rows whose key is null come last
 * without a rank. `higherIsBetter` false ranks the smallest first (fines, points).
 */
export function rankBy<T>(rows: T[], key: (row: T) => number | null, higherIsBetter = true): (T & { rank: number | null })[] {
  const withKey = rows.map((row, i) => ({ row, k: key(row), i }));
  const ranked = withKey.filter((r) => r.k !== null && Number.isFinite(r.k)) as { row: T; k: number; i: number }[];
  const unranked = withKey.filter((r) => r.k === null || !Number.isFinite(r.k));
  ranked.sort((a, b) => (higherIsBetter ? b.k - a.k : a.k - b.k) || a.i - b.i);
  const out: (T & { rank: number | null })[] = [];
  ranked.forEach((r, idx) => {
    const prev = idx > 0 ? ranked[idx - 1] : null;
    const rank = prev && prev.k === r.k ? (out[idx - 1].rank as number) : idx + 1;
    out.push({ ...r.row, rank });
  });
  for (const r of unranked) out.push({ ...r.row, rank: null });
  return out;
}
