import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BusinessCalendar } from '../../src/domain/contracts.ts';
import {
  DEFAULT_CALENDAR,
  addBusinessDays,
  addBusinessMinutes,
  businessMinutesBetween,
  dayInfo,
  endOfLocalDay,
  hasOfficialHolidayData,
  isWorkingInstant,
  localDateOf,
  nextWorkingStart,
  officialHolidayYears,
  validateCalendar,
} from '../../src/domain/calendar/index.ts';

const cal = DEFAULT_CALENDAR;
const bj = (local: string) => new Date(`${local}+08:00`);
const LUNCH: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  workingPeriods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
};

// Verified against chinese-days 1.5.7 and the State Council notice for 2026 (国办发明电〔2025〕7号).
const DAY_TABLE: [string, boolean, string, string?][] = [
  ['2026-01-01', false, 'public_holiday', "New Year's Day"],
  ['2026-01-03', false, 'public_holiday', "New Year's Day"],
  ['2026-01-04', true, 'adjusted_workday', "New Year's Day"],
  ['2026-02-14', true, 'adjusted_workday', 'Spring Festival'],
  ['2026-02-15', false, 'public_holiday', 'Spring Festival'],
  ['2026-02-17', false, 'public_holiday', 'Spring Festival'],
  ['2026-02-23', false, 'public_holiday', 'Spring Festival'],
  ['2026-02-24', true, 'workday'],
  ['2026-02-28', true, 'adjusted_workday', 'Spring Festival'],
  ['2026-05-01', false, 'public_holiday', 'Labour Day'],
  ['2026-05-05', false, 'public_holiday', 'Labour Day'],
  ['2026-05-06', true, 'workday'],
  ['2026-05-09', true, 'adjusted_workday', 'Labour Day'],
  ['2026-05-10', false, 'weekend'],
  ['2026-09-20', true, 'adjusted_workday', 'National Day'],
  ['2026-09-26', false, 'public_holiday', 'Mid-autumn Festival'],
  ['2026-10-01', false, 'public_holiday', 'National Day'],
  ['2026-10-03', false, 'public_holiday', 'National Day'],
  ['2026-10-07', false, 'public_holiday', 'National Day'],
  ['2026-10-08', true, 'workday'],
  ['2026-10-10', true, 'adjusted_workday', 'National Day'],
  ['2026-10-11', false, 'weekend'],
  ['2026-03-10', true, 'workday'],
  ['2026-03-14', false, 'weekend'],
];

for (const [date, working, reason, name] of DAY_TABLE) {
  test(`R-TL-1: ${date} is ${working ? 'a working day' : 'a rest day'} (${reason}${name ? `, ${name}` : ''})`, () => {
    const info = dayInfo(cal, date);
    assert.equal(info.working, working);
    assert.equal(info.reason, reason);
    assert.equal(info.name, name);
    assert.equal(info.officialData, true);
  });
}

test('R-TL-1: holiday names come in Chinese too', () => {
  assert.equal(dayInfo(cal, '2026-10-01').nameZh, '国庆节');
  assert.equal(dayInfo(cal, '2026-02-16').nameZh, '春节');
});

test('R-TL-1, #15 item 8: a year without official data keeps its statutory holidays, is otherwise Mon–Fri, and is flagged', () => {
  assert.equal(hasOfficialHolidayData(2031), false);
  // National Day is fixed by the regulation (1–3 Oct), whatever the unpublished notice adds around it.
  assert.deepEqual(dayInfo(cal, '2031-10-01'), {
    date: '2031-10-01',
    working: false,
    reason: 'public_holiday',
    name: 'National Day',
    nameZh: '国庆节',
    officialData: false,
  });
  assert.deepEqual(dayInfo(cal, '2031-10-06'), { date: '2031-10-06', working: true, reason: 'workday', officialData: false });
  assert.deepEqual(dayInfo(cal, '2031-10-04'), { date: '2031-10-04', working: false, reason: 'weekend', officialData: false });
});

test('R-TL-1: the package covers 2004 through at least 2026, and no year outside its range', () => {
  const { from, to } = officialHolidayYears();
  assert.equal(from, 2004);
  assert.ok(to >= 2026);
  for (let y = from; y <= to; y++) assert.equal(hasOfficialHolidayData(y), true, String(y));
  assert.equal(hasOfficialHolidayData(from - 1), false);
  assert.equal(hasOfficialHolidayData(to + 1), false);
});

test('R-TL-1: overrides win over the package data and the weekday', () => {
  const c: BusinessCalendar = {
    ...DEFAULT_CALENDAR,
    overrides: {
      '2026-10-01': { kind: 'workday', name: 'Duty roster' },
      '2026-03-10': { kind: 'holiday', name: 'Anniversary' },
      '2031-10-01': { kind: 'holiday' },
    },
  };
  assert.deepEqual(dayInfo(c, '2026-10-01'), {
    date: '2026-10-01',
    working: true,
    reason: 'override_workday',
    name: 'Duty roster',
    nameZh: 'Duty roster',
    officialData: true,
  });
  assert.equal(dayInfo(c, '2026-03-10').reason, 'override_holiday');
  assert.equal(dayInfo(c, '2026-03-10').working, false);
  assert.equal(dayInfo(c, '2031-10-01').officialData, true, 'an admin decision needs no official data');
});

test('R-TL-1: a calendar without Chinese holidays uses its work week only', () => {
  const c: BusinessCalendar = { ...DEFAULT_CALENDAR, useChineseHolidays: false, workWeek: [1, 2, 3, 4, 5, 6] };
  assert.equal(dayInfo(c, '2026-10-01').reason, 'workday');
  assert.equal(dayInfo(c, '2026-10-03').working, true, 'Saturday is in this work week');
  assert.equal(dayInfo(c, '2026-10-04').reason, 'weekend');
  assert.equal(dayInfo(c, '2031-10-01').officialData, true);
});

test('R-TL-1: dayInfo rejects a malformed date', () => {
  assert.throws(() => dayInfo(cal, '2026-02-30'), RangeError);
  assert.throws(() => dayInfo(cal, '2026/10/01'), RangeError);
});

test('R-TL-1: the default calendar validates and is Asia/Shanghai Mon–Fri 09:00–18:00 v1', () => {
  const r = validateCalendar(DEFAULT_CALENDAR);
  assert.equal(r.ok, true);
  assert.deepEqual(r.ok && r.value, {
    timeZone: 'Asia/Shanghai',
    workingPeriods: [{ start: '09:00', end: '18:00' }],
    workWeek: [1, 2, 3, 4, 5],
    useChineseHolidays: true,
    overrides: {},
    version: 1,
  });
  assert.equal(validateCalendar(LUNCH).ok, true);
});

test('R-TL-1: validateCalendar lists every problem with its path', () => {
  const r = validateCalendar({
    timeZone: 'Mars/Olympus',
    workingPeriods: [
      { start: '13:30', end: '18:00' },
      { start: '09:00', end: '12:00' },
      { start: '25:00', end: '26:00' },
    ],
    workWeek: [1, 8, 1],
    useChineseHolidays: 'yes',
    overrides: { '2026-13-01': { kind: 'holiday' }, '2026-10-09': { kind: 'vacation' } },
    version: 0,
  });
  assert.equal(r.ok, false);
  const paths = !r.ok ? r.errors.map((e) => e.path).sort() : [];
  assert.deepEqual(paths, [
    'overrides.2026-10-09.kind',
    'overrides.2026-13-01',
    'timeZone',
    'useChineseHolidays',
    'version',
    'workWeek[1]',
    'workWeek[2]',
    'workingPeriods[1]',
    'workingPeriods[2].end',
    'workingPeriods[2].start',
  ]);
  assert.equal(validateCalendar(null).ok, false);
  assert.equal(validateCalendar({ ...DEFAULT_CALENDAR, workingPeriods: [] }).ok, false);
  assert.equal(validateCalendar({ ...DEFAULT_CALENDAR, workingPeriods: [{ start: '18:00', end: '09:00' }] }).ok, false);
  assert.equal(validateCalendar({ ...DEFAULT_CALENDAR, workingPeriods: [{ start: '20:00', end: '24:00' }] }).ok, true);
});

test('R-TL-1: working periods are half-open: 09:00 is working time, 18:00 is not', () => {
  assert.equal(isWorkingInstant(cal, bj('2026-03-10T09:00:00')), true);
  assert.equal(isWorkingInstant(cal, bj('2026-03-10T17:59:59.999')), true);
  assert.equal(isWorkingInstant(cal, bj('2026-03-10T18:00:00')), false);
  assert.equal(isWorkingInstant(cal, bj('2026-03-10T08:59:59')), false);
  assert.equal(isWorkingInstant(cal, bj('2026-10-02T10:00:00')), false, 'National Day');
  assert.equal(isWorkingInstant(cal, bj('2026-09-20T10:00:00')), true, 'adjusted working Sunday');
  assert.equal(isWorkingInstant(LUNCH, bj('2026-03-10T12:30:00')), false, 'lunch break');
});

test('R-TL-1: nextWorkingStart is the instant itself inside working time, else the next period start', () => {
  const inside = bj('2026-03-10T10:17:00');
  assert.equal(nextWorkingStart(cal, inside).getTime(), inside.getTime());
  assert.equal(nextWorkingStart(cal, bj('2026-03-10T07:00:00')).toISOString(), bj('2026-03-10T09:00:00').toISOString());
  assert.equal(
    nextWorkingStart(cal, bj('2026-03-13T19:00:00')).toISOString(),
    bj('2026-03-16T09:00:00').toISOString(),
    'Friday evening → Monday',
  );
  assert.equal(
    nextWorkingStart(cal, bj('2026-09-30T18:00:00')).toISOString(),
    bj('2026-10-08T09:00:00').toISOString(),
    'over National Day',
  );
  assert.equal(
    nextWorkingStart(cal, bj('2026-09-19T12:00:00')).toISOString(),
    bj('2026-09-20T09:00:00').toISOString(),
    'Saturday → adjusted Sunday',
  );
  assert.equal(nextWorkingStart(LUNCH, bj('2026-03-10T12:00:00')).toISOString(), bj('2026-03-10T13:30:00').toISOString());
});

test('R-TL-1: local date and end of day follow the calendar zone, not UTC', () => {
  const t = new Date('2026-09-30T16:30:00Z'); // 00:30 on 1 October in Beijing
  assert.equal(localDateOf(cal, t), '2026-10-01');
  assert.equal(endOfLocalDay(cal, t).toISOString(), '2026-10-01T15:59:59.999Z');
  const london: BusinessCalendar = { ...DEFAULT_CALENDAR, timeZone: 'Europe/London' };
  assert.equal(localDateOf(london, t), '2026-09-30');
  assert.equal(endOfLocalDay(london, t).toISOString(), '2026-09-30T22:59:59.999Z', 'BST is UTC+1');
});

test('R-TL-1: 30 working minutes from Friday 17:45 end Monday 09:15, skipping the weekend', () => {
  const { due, trace } = addBusinessMinutes(cal, bj('2026-03-13T17:45:00'), 30);
  assert.equal(due.toISOString(), bj('2026-03-16T09:15:00').toISOString());
  assert.deepEqual(
    trace.map((s) => s.kind),
    ['working-period', 'skip-weekend', 'working-period'],
  );
  assert.equal(trace[1].from, '2026-03-14');
  assert.equal(trace[1].to, '2026-03-15');
  assert.ok(trace.every((s) => s.detail && s.detailZh));
});

test('R-TL-1: working minutes over National Day 2026 skip 10-01..10-07 as one holiday step', () => {
  const { due, trace } = addBusinessMinutes(cal, bj('2026-09-30T17:00:00'), 120);
  assert.equal(due.toISOString(), bj('2026-10-08T10:00:00').toISOString());
  const skip = trace.find((s) => s.kind === 'skip-holiday');
  assert.deepEqual([skip?.from, skip?.to], ['2026-10-01', '2026-10-07']);
  assert.match(skip?.detail ?? '', /National Day/);
  assert.match(skip?.detailZh ?? '', /国庆节/);
});

test('R-TL-1: an adjusted working Saturday counts and the trace says so', () => {
  const { due, trace } = addBusinessMinutes(cal, bj('2026-10-09T17:00:00'), 120);
  assert.equal(due.toISOString(), bj('2026-10-10T10:00:00').toISOString());
  assert.equal(trace[1].kind, 'adjusted-workday');
  assert.match(trace[1].detailZh ?? '', /调休/);
});

test('R-TL-1: Spring Festival 2026 moves a 4-working-hour clock from 13 Feb to 14 Feb (adjusted Saturday)', () => {
  const { due } = addBusinessMinutes(cal, bj('2026-02-13T16:00:00'), 240);
  assert.equal(due.toISOString(), bj('2026-02-14T11:00:00').toISOString());
  const next = addBusinessMinutes(cal, bj('2026-02-14T17:00:00'), 120);
  assert.equal(next.due.toISOString(), bj('2026-02-24T10:00:00').toISOString(), '15–23 Feb are holidays');
});

test('R-TL-1: Labour Day 2026 holidays 05-01..05-05 are skipped', () => {
  const { due } = addBusinessMinutes(cal, bj('2026-04-30T17:30:00'), 60);
  assert.equal(due.toISOString(), bj('2026-05-06T09:30:00').toISOString());
});

test('R-TL-1: a result exhausting a period exactly is the period end, and lunch breaks are not counted', () => {
  assert.equal(addBusinessMinutes(cal, bj('2026-03-10T17:30:00'), 30).due.toISOString(), bj('2026-03-10T18:00:00').toISOString());
  assert.equal(addBusinessMinutes(LUNCH, bj('2026-03-10T11:30:00'), 60).due.toISOString(), bj('2026-03-10T14:00:00').toISOString());
});

test('R-TL-1: zero minutes is the start itself; negative or infinite minutes are refused', () => {
  const s = bj('2026-03-14T03:00:00');
  assert.equal(addBusinessMinutes(cal, s, 0).due.getTime(), s.getTime());
  assert.throws(() => addBusinessMinutes(cal, s, -1), RangeError);
  assert.throws(() => addBusinessMinutes(cal, s, Infinity), RangeError);
});

test('R-TL-1: a clock crossing into a year without data flags that year in its trace', () => {
  const { trace } = addBusinessMinutes(cal, bj(`${officialHolidayYears().to}-12-31T17:00:00`), 600);
  const flag = trace.find((s) => s.kind === 'no-holiday-data');
  assert.ok(flag, 'flag step present');
  assert.match(flag.detail, new RegExp(String(officialHolidayYears().to + 1)));
});

test('R-TL-1: businessMinutesBetween counts only working time and is 0 when b <= a', () => {
  assert.equal(businessMinutesBetween(cal, bj('2026-03-10T08:00:00'), bj('2026-03-10T20:00:00')), 540);
  assert.equal(businessMinutesBetween(cal, bj('2026-09-30T17:00:00'), bj('2026-10-08T10:00:00')), 120);
  assert.equal(businessMinutesBetween(LUNCH, bj('2026-03-10T09:00:00'), bj('2026-03-11T09:00:00')), 450);
  assert.equal(businessMinutesBetween(cal, bj('2026-03-10T12:00:00'), bj('2026-03-10T12:00:00')), 0);
  assert.equal(businessMinutesBetween(cal, bj('2026-03-10T12:00:00'), bj('2026-03-10T10:00:00')), 0);
  assert.equal(businessMinutesBetween(cal, bj('2026-03-10T10:00:00'), bj('2026-03-10T10:00:30')), 0.5);
});

test('R-TL-7: 7 working days from 29 Sep 2026 end on 14 Oct, counting the adjusted Saturday 10 Oct', () => {
  const { due, trace } = addBusinessDays(cal, bj('2026-09-29T10:00:00'), 7);
  assert.equal(due.toISOString(), bj('2026-10-14T23:59:59.999').toISOString());
  assert.deepEqual(
    trace.filter((s) => s.kind === 'working-day' || s.kind === 'adjusted-workday').map((s) => s.from),
    ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13', '2026-10-14'],
  );
  assert.ok(trace.some((s) => s.kind === 'skip-holiday' && s.from === '2026-10-01' && s.to === '2026-10-07'));
});

test('R-TL-7: business days never count the start day, even when it is a working day received at 08:00', () => {
  assert.equal(addBusinessDays(cal, bj('2026-03-10T08:00:00'), 1).due.toISOString(), bj('2026-03-11T23:59:59.999').toISOString());
  assert.equal(addBusinessDays(cal, bj('2026-03-14T08:00:00'), 1).due.toISOString(), bj('2026-03-16T23:59:59.999').toISOString());
  assert.equal(addBusinessDays(cal, bj('2026-03-14T08:00:00'), 0).due.toISOString(), bj('2026-03-14T23:59:59.999').toISOString());
  assert.throws(() => addBusinessDays(cal, bj('2026-03-14T08:00:00'), 1.5), RangeError);
});
