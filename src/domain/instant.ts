/**
 * Instants and local dates given by clients. Pure. What JSON Schema's `date-time` format lets through
 * is more than JavaScript, luxon and PostgreSQL all represent alike: a leap second (23:59:60) is no
 * JavaScript Date, year 0000 is refused by PostgreSQL's driver, and a short offset (+08) is not
 * parsed by Date. Plaint takes years 1000–9999 (also after the offset is applied) and no leap
 * seconds: a leap second is refused, not normalised (write :59, or the next second).
 */
import { invalid } from './errors.ts';

export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

export const yearInRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** Why `value` is not an instant Plaint takes, or null when it is one. */
export function instantProblem(value: string): string | null {
  const m = DATE_TIME.exec(value);
  if (!m) return 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-24T10:00:00+08:00';
  if (Number(m[6]) >= 60) return 'must not be a leap second (:60); use :59';
  if (Number(m[8].slice(1, 3)) > 23 || Number(m[8].replace(':', '').slice(3, 5) || '0') > 59)
    return 'must have a time-zone offset from -23:59 to +23:59';
  if (!yearInRange(Number(m[1]))) return `must have a year from ${MIN_YEAR} to ${MAX_YEAR}`;
  const d = toDate(m);
  if (Number.isNaN(d.getTime())) return 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-24T10:00:00+08:00';
  if (!yearInRange(d.getUTCFullYear())) return `must have a year from ${MIN_YEAR} to ${MAX_YEAR}`;
  // Date rolls an impossible day over (2026-02-30 → 2026-03-02): compare the written date back.
  const offsetMin = offsetMinutes(m[8]);
  const local = new Date(d.getTime() + offsetMin * 60_000);
  if (
    local.getUTCFullYear() !== Number(m[1]) ||
    local.getUTCMonth() + 1 !== Number(m[2]) ||
    local.getUTCDate() !== Number(m[3]) ||
    local.getUTCHours() !== Number(m[4]) ||
    local.getUTCMinutes() !== Number(m[5])
  ) {
    return 'must be an existing date and time';
  }
  return null;
}

function offsetMinutes(tz: string): number {
  if (tz === 'Z' || tz === 'z') return 0;
  const sign = tz[0] === '-' ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function toDate(m: RegExpExecArray): Date {
  const [, y, mo, d, h, mi, s, frac = '', tz] = m;
  const off = offsetMinutes(tz);
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Date.UTC maps years 0–99 to 1900–1999; the year check above keeps them out.
  return new Date(utc - off * 60_000);
}

/** The instant `value` names; VALIDATION naming `field` when it is not one Plaint takes. */
export function parseInstant(value: string, field: string): Date {
  const problem = instantProblem(value);
  if (problem) throw invalid(field, problem);
  return toDate(DATE_TIME.exec(value)!);
}
