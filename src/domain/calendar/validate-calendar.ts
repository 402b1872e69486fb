import type { BusinessCalendar } from '../contracts.ts';
import { hasOfficialHolidayData } from './holiday-data.ts';
import { isLocalDate, isValidZone, parseWallTime } from './local-time.ts';

export type CalendarValidation = { ok: true; value: BusinessCalendar } | { ok: false; errors: { path: string; message: string }[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a calendar coming from an admin form or a policy pack and lists every problem at once.
 * The arithmetic relies on what is checked here: at least one working period and one working
 * weekday (otherwise "the next working minute" never comes), periods ascending and disjoint.
 */
export function validateCalendar(input: unknown): CalendarValidation {
  const errors: { path: string; message: string }[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!isRecord(input)) return { ok: false, errors: [{ path: '', message: 'calendar must be an object' }] };

  const { timeZone, workingPeriods, workWeek, useChineseHolidays, overrides, confirmedYears, version } = input;

  if (typeof timeZone !== 'string' || timeZone === '') err('timeZone', 'must be an IANA zone name, e.g. Asia/Shanghai');
  else if (!isValidZone(timeZone)) err('timeZone', `unknown time zone "${timeZone}"`);

  const periods: { start: string; end: string }[] = [];
  if (!Array.isArray(workingPeriods) || workingPeriods.length === 0) {
    err('workingPeriods', 'must list at least one working period');
  } else {
    let previousEnd = -1;
    workingPeriods.forEach((p: unknown, i) => {
      const path = `workingPeriods[${i}]`;
      if (!isRecord(p) || typeof p.start !== 'string' || typeof p.end !== 'string') {
        err(path, 'must be { start: "HH:mm", end: "HH:mm" }');
        return;
      }
      const start = parseWallTime(p.start);
      const end = parseWallTime(p.end);
      if (start === null || start >= 24 * 60) err(`${path}.start`, `"${p.start}" is not a time HH:mm`);
      if (end === null) err(`${path}.end`, `"${p.end}" is not a time HH:mm (24:00 allowed)`);
      if (start === null || end === null) return;
      if (end <= start) err(path, `ends (${p.end}) before or when it starts (${p.start})`);
      else if (start < previousEnd) err(path, 'overlaps or precedes the previous period; periods must be ascending and disjoint');
      previousEnd = Math.max(previousEnd, end);
      periods.push({ start: p.start, end: p.end });
    });
  }

  const week: number[] = [];
  if (!Array.isArray(workWeek) || workWeek.length === 0) {
    err('workWeek', 'must list at least one ISO weekday (1 = Monday … 7 = Sunday)');
  } else {
    workWeek.forEach((d: unknown, i) => {
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 7) err(`workWeek[${i}]`, 'must be an integer 1–7');
      else if (week.includes(d)) err(`workWeek[${i}]`, `weekday ${d} listed twice`);
      else week.push(d);
    });
  }

  if (typeof useChineseHolidays !== 'boolean') err('useChineseHolidays', 'must be true or false');

  const cleanOverrides: BusinessCalendar['overrides'] = {};
  if (overrides === undefined) {
    // absent means none
  } else if (!isRecord(overrides)) {
    err('overrides', 'must be an object keyed by YYYY-MM-DD');
  } else {
    for (const [date, o] of Object.entries(overrides)) {
      const path = `overrides.${date}`;
      if (!isLocalDate(date)) err(path, `"${date}" is not a date YYYY-MM-DD`);
      if (!isRecord(o) || (o.kind !== 'workday' && o.kind !== 'holiday')) {
        err(`${path}.kind`, 'must be "workday" or "holiday"');
        continue;
      }
      if (o.name !== undefined && typeof o.name !== 'string') err(`${path}.name`, 'must be a string');
      cleanOverrides[date] = typeof o.name === 'string' ? { kind: o.kind, name: o.name } : { kind: o.kind };
    }
  }

  // Only a year the data package lacks can be confirmed: a published year is official already, and
  // confirming one would hide nothing but could be mistaken for overriding the State Council's notice.
  const years: number[] = [];
  if (confirmedYears !== undefined) {
    if (!Array.isArray(confirmedYears)) err('confirmedYears', 'must be a list of years');
    else
      confirmedYears.forEach((y: unknown, i) => {
        if (typeof y !== 'number' || !Number.isInteger(y) || y < 2000 || y > 2100) err(`confirmedYears[${i}]`, 'must be a year 2000–2100');
        else if (hasOfficialHolidayData(y)) err(`confirmedYears[${i}]`, `${y} has the official arrangement already; nothing to confirm`);
        else if (!years.includes(y)) years.push(y);
      });
  }

  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) err('version', 'must be a positive integer');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      timeZone: timeZone as string,
      workingPeriods: periods,
      workWeek: [...week].sort((a, b) => a - b),
      useChineseHolidays: useChineseHolidays as boolean,
      overrides: cleanOverrides,
      ...(years.length ? { confirmedYears: years.sort((a, b) => a - b) } : {}),
      version: version as number,
    },
  };
}
