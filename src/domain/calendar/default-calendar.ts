import type { BusinessCalendar } from '../contracts.ts';

/**
 * Mainland office hours as the seed procedures assume them (Vanke 5.2.2 speaks of 上班/下班 without
 * times): Monday to Friday 09:00–18:00 in Asia/Shanghai, with State Council holidays and 调休.
 * A unit with a lunch break lists two periods, e.g. 09:00–12:00 and 13:30–18:00.
 */
export const DEFAULT_CALENDAR: BusinessCalendar = Object.freeze({
  timeZone: 'Asia/Shanghai',
  workingPeriods: Object.freeze([Object.freeze({ start: '09:00', end: '18:00' })]) as BusinessCalendar['workingPeriods'],
  workWeek: Object.freeze([1, 2, 3, 4, 5]) as number[],
  useChineseHolidays: true,
  overrides: Object.freeze({}) as BusinessCalendar['overrides'],
  version: 1,
});
