/** How the cells of a ledger become field values: dates, phones, e-mail addresses, status (pure). */
import { DateTime } from 'luxon';
import { PHONE_PATTERN } from '../phone.ts';

const PHONE = new RegExp(PHONE_PATTERN);
// The format check of `format: 'email'` in the intake schema, near enough for a ledger column.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Year first (2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日), optionally a wall time: the ways a
// Chinese ledger or a CFPB export writes a date. Day-first and month-first are ambiguous and refused.
const LOCAL_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?)?$/;
const WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date or date-time cell as an instant: with an offset it is taken as written; without one it is a
 * wall time of the unit's time zone (a ledger records local time). undefined when it is not a date.
 */
export function parseDate(text: string, timeZone: string): Date | undefined {
  const key = `${timeZone}|${text}`;
  let d = seen.get(key);
  if (d === undefined && !seen.has(key)) {
    // A ledger repeats its dates (100,000 rows span a few hundred days) and luxon's zone arithmetic
    // costs a fraction of a millisecond, most of a large import's checking time when repeated.
    if (seen.size >= 50_000) seen.clear();
    d = parseDateUncached(text, timeZone);
    seen.set(key, d);
  }
  return d === undefined ? undefined : new Date(d.getTime());
}

const seen = new Map<string, Date | undefined>();

function parseDateUncached(text: string, timeZone: string): Date | undefined {
  const s = text.trim();
  if (WITH_OFFSET.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const d = DateTime.fromISO(s, { setZone: true });
    return d.isValid ? d.toJSDate() : undefined;
  }
  const m = LOCAL_DATE.exec(s);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second] = m;
  const d = DateTime.fromObject(
    { year: +year, month: +month, day: +day, hour: hour ? +hour : 0, minute: minute ? +minute : 0, second: second ? +second : 0 },
    { zone: timeZone },
  );
  return d.isValid ? d.toJSDate() : undefined;
}

/** The intake's phone rule (mobile, landline with area code, 400/800), after removing spaces. */
export function normalisePhone(text: string): string | undefined {
  const s = text.trim().replace(/[\s()（）]/g, '');
  return PHONE.test(s) ? s : undefined;
}

export function normaliseEmail(text: string): string | undefined {
  const s = text.trim().toLowerCase();
  return EMAIL.test(s) && s.length <= 254 ? s : undefined;
}

// "Closed with explanation" (CFPB), 已关闭 / 已结案 / 已办结 (a Chinese ledger).
const CLOSED = /^(closed|已?关闭|已?结案|已?办结|已完成|完结)/i;

/** A status cell: closed when it says so, open otherwise (open, in progress, 处理中, empty). */
export function isClosedStatus(text: string): boolean {
  return CLOSED.test(text.trim());
}
