/**
 * The dashboard's time windows (issue #20), in whole local days of Asia/Shanghai, so that each bar of the
 * console's charts covers a whole day or week: intake over the last 30 days (today and the 29 before,
 * the days the console's line draws) and satisfaction over the last 12 weeks (this one and the 11
 * before, Monday to Sunday). Pure: `now` passed in, the local date read with the zone given, never the
 * process's.
 */
import { addDays, isoWeekday } from '../calendar/local-time.ts';
import { todayLocal } from './schedules.ts';

export const INTAKE_DAYS = 30;
export const SATISFACTION_WEEKS = 12;

export interface DashboardWindows {
  /** First local date counted in intake per day and by category (YYYY-MM-DD). */
  intakeFrom: string;
  /** First local date counted in the satisfaction trend: a Monday (YYYY-MM-DD). */
  satisfactionFrom: string;
}

export function dashboardWindows(now: Date): DashboardWindows {
  const today = todayLocal(now);
  const monday = addDays(today, 1 - isoWeekday(today));
  return { intakeFrom: addDays(today, 1 - INTAKE_DAYS), satisfactionFrom: addDays(monday, -7 * (SATISFACTION_WEEKS - 1)) };
}
