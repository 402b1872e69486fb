/**
 * R-TL-1, #15 item 8: a year whose official arrangement is not yet published still has the statutory
 * holidays the State Council's regulation fixes (《全国年节及纪念日放假办法》, 2024 amendment: 元旦 1,
 * 春节 4 (除夕–初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3); its adjusted working days are unknown, so
 * every deadline that counts such a year is provisional until the data is published or the unit's
 * calendar confirms the year, and recomputing is then a person's act (recompute_clocks), never silent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BusinessCalendar, ClockRecord } from '../../src/domain/contracts.ts';
import {
  DEFAULT_CALENDAR,
  addBusinessDays,
  addBusinessMinutes,
  dayInfo,
  hasOfficialHolidayData,
  officialHolidayYears,
  validateCalendar,
} from '../../src/domain/calendar/index.ts';
import { STATUTORY_YEARS, statutoryHolidaysOf } from '../../src/domain/calendar/statutory-holidays.ts';
import { deadlineStanding, recomputeClocks } from '../../src/domain/clocks/index.ts';
import { packageDayEntry } from '../../src/domain/calendar/holiday-data.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bj = (local: string) => new Date(`${local}+08:00`);
/** The first year the data package lacks: 2027 as this is written; later when a release adds it. */
const NEXT = officialHolidayYears().to + 1;
const CONFIRMED: BusinessCalendar = { ...DEFAULT_CALENDAR, confirmedYears: [NEXT], version: 2 };

test('#15 item 8: 2027 has the 13 statutory days the regulation fixes, 春节 from 除夕 (5 Feb) to 初三', () => {
  assert.deepEqual(
    statutoryHolidaysOf(2027).map((d) => `${d.date} ${d.holiday.nameZh}`),
    [
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ],
  );
});

test('#15 item 8: the rules reproduce the published arrangements of 2025 and 2026: every statutory day is a holiday there', () => {
  for (const year of [2025, 2026]) {
    const days = statutoryHolidaysOf(year);
    assert.equal(days.length, 13, `${year}: 13 statutory days`);
    for (const { date, holiday } of days) {
      const published = packageDayEntry(date);
      assert.equal(published?.kind, 'holiday', `${date} (${holiday.nameZh}) is a holiday in the State Council's ${year} notice`);
    }
  }
});

test('#15 item 8: every lunar and solar-term date of the table is what chinese-days computes in China time', async () => {
  // The package's lunar functions answer in the process's zone, so they are asked in a child under
  // Asia/Shanghai, where they are right, and compared with the table the running code reads.
  const code = `
    const cd = (await import('chinese-days')).default;
    const out = {};
    for (let y = ${STATUTORY_YEARS.from}; y <= ${STATUTORY_YEARS.to}; y++) {
      const ny = cd.getSolarDateFromLunar(y + '-01-01').date;
      const eve = new Date(ny + 'T00:00:00Z'); eve.setUTCDate(eve.getUTCDate() - 1);
      const qm = cd.getSolarTermsInRange(y + '-04-01', y + '-04-08').find((t) => t.name === '清明' && t.index === 1).date;
      out[y] = [eve.toISOString().slice(0, 10), qm, cd.getSolarDateFromLunar(y + '-05-05').date, cd.getSolarDateFromLunar(y + '-08-15').date];
    }
    process.stdout.write(JSON.stringify(out));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    encoding: 'utf8',
  });
  const theirs = JSON.parse(stdout) as Record<string, string[]>;
  for (let y = STATUTORY_YEARS.from; y <= STATUTORY_YEARS.to; y++) {
    const ours = statutoryHolidaysOf(y);
    const named = (zh: string) => ours.filter((d) => d.holiday.nameZh === zh).map((d) => d.date);
    const [eve, qingming, dragon, moon] = theirs[y]!;
    assert.equal(named('春节')[0], eve, `${y} 除夕`);
    assert.deepEqual(named('清明节'), [qingming], `${y} 清明`);
    assert.deepEqual(named('端午节'), [dragon], `${y} 端午`);
    // 中秋 may fall on 1–3 Oct (2028: 3 Oct), where 国庆 names the day; it is a holiday either way.
    assert.ok(named('中秋节').includes(moon!) || named('国庆节').includes(moon!), `${y} 中秋 ${moon}`);
  }
});

test('R-TL-1, #15 item 8: New Year of an unpublished year is never a working day, and the day says it is not official', () => {
  assert.equal(hasOfficialHolidayData(NEXT), false);
  const info = dayInfo(DEFAULT_CALENDAR, `${NEXT}-01-01`);
  assert.equal(info.working, false);
  assert.equal(info.reason, 'public_holiday');
  assert.equal(info.nameZh, '元旦');
  assert.equal(info.officialData, false);
  // An ordinary weekday of that year is a working day, also unofficial: its 调休 status is unknown.
  const weekday = statutoryHolidaysOf(NEXT).length ? `${NEXT}-03-10` : '';
  assert.equal(dayInfo(DEFAULT_CALENDAR, weekday).officialData, false);
  // Confirmed by the unit's calendar: official for this calendar, the holiday still a holiday.
  assert.equal(dayInfo(CONFIRMED, `${NEXT}-01-01`).officialData, true);
  assert.equal(dayInfo(CONFIRMED, `${NEXT}-01-01`).working, false);
});

test('R-TL-1, #15 item 8: a deadline counted across New Year into an unpublished year skips 1 January and says "provisional"', () => {
  // 31 Dec of the last published year, 17:00 Beijing; 600 working minutes = 1 h that day + 9 h after.
  const start = bj(`${NEXT - 1}-12-31T17:00:00`);
  const provisional = addBusinessMinutes(DEFAULT_CALENDAR, start, 120);
  const firstWorking = [2, 3, 4, 5, 6].map((d) => `${NEXT}-01-0${d}`).find((d) => dayInfo(DEFAULT_CALENDAR, d).working)!;
  assert.equal(provisional.due.toISOString(), bj(`${firstWorking}T10:00:00`).toISOString());
  const flag = provisional.trace.find((s) => s.kind === 'no-holiday-data');
  assert.ok(flag, 'the trace says provisional');
  assert.match(flag.detail, new RegExp(`Provisional: ${NEXT}`));
  assert.match(flag.detailZh ?? '', new RegExp(`暂定：${NEXT} 年官方放假安排尚未发布`));
  assert.equal(flag.from, `${NEXT}-01-01`);
  assert.ok(provisional.trace.some((s) => s.kind === 'skip-holiday' && s.from === `${NEXT}-01-01`));
  // The same computation on a calendar that confirmed the year: same instant, nothing provisional.
  const confirmed = addBusinessMinutes(CONFIRMED, start, 120);
  assert.equal(confirmed.due.toISOString(), provisional.due.toISOString());
  assert.equal(
    confirmed.trace.some((s) => s.kind === 'no-holiday-data'),
    false,
  );
});

test('#15 item 8: working days counted over 春节 2027 skip 除夕 to 初三 (5–8 Feb)', () => {
  // Thursday 4 Feb 2027: the 1st working day after it is Tuesday 9 Feb, not Friday 5 Feb.
  const { due, trace } = addBusinessDays(DEFAULT_CALENDAR, bj('2027-02-04T10:00:00'), 1);
  assert.equal(due.toISOString(), bj('2027-02-09T23:59:59.999').toISOString());
  assert.ok(trace.some((s) => s.kind === 'skip-holiday' && s.from === '2027-02-05' && s.to === '2027-02-08'));
  // Provisional while the package lacks 2027; a release that adds it makes the count official.
  assert.equal(
    trace.some((s) => s.kind === 'no-holiday-data' && s.from === '2027-01-01'),
    !hasOfficialHolidayData(2027),
  );
});

test('#15 item 8: a calendar may confirm only a year the data lacks; the confirmation is kept sorted', () => {
  const published = officialHolidayYears().to;
  const bad = validateCalendar({ ...DEFAULT_CALENDAR, confirmedYears: [published] });
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.errors.some((e) => e.path === 'confirmedYears[0]' && /official arrangement already/.test(e.message)));
  const good = validateCalendar({ ...DEFAULT_CALENDAR, confirmedYears: [NEXT + 1, NEXT, NEXT] });
  assert.ok(good.ok);
  assert.deepEqual(good.ok && good.value.confirmedYears, [NEXT, NEXT + 1]);
});

test('#15 item 8: a provisional deadline is listed as provisional, then as settled once the calendar confirms the year; recomputing settles it', () => {
  const definitions = [
    {
      name: 'reply',
      ruleId: 'R-TL-3',
      label: 'Reply',
      labelZh: '答复',
      startOn: ['received'],
      stopOn: ['replied'],
      due: { kind: 'business_minutes' as const, minutes: 120 },
    },
  ];
  const startedAt = bj(`${NEXT - 1}-12-31T17:00:00`);
  const { due, trace } = addBusinessMinutes(DEFAULT_CALENDAR, startedAt, 120);
  const clock: ClockRecord = {
    name: 'reply',
    ruleId: 'R-TL-3',
    startedAt: startedAt.toISOString(),
    dueAt: due.toISOString(),
    state: 'running',
    pausedMs: 0,
    calendarVersion: 1,
    trace,
  };
  assert.deepEqual(deadlineStanding([clock], DEFAULT_CALENDAR), { provisionalYears: [NEXT], settledYears: [], clocks: ['reply'] });
  assert.deepEqual(deadlineStanding([clock], CONFIRMED), { provisionalYears: [], settledYears: [NEXT], clocks: ['reply'] });
  // A met clock is history: it is not listed.
  assert.deepEqual(deadlineStanding([{ ...clock, state: 'met' }], DEFAULT_CALENDAR).clocks, []);

  const facts = {
    channel: 'phone' as const,
    receivedAt: startedAt,
    level: null,
    qualification: null,
    categoryId: null,
    complainantCount: 1,
  } as unknown as Parameters<typeof recomputeClocks>[2];
  const r = recomputeClocks(definitions as never, CONFIRMED, facts, [clock]);
  assert.deepEqual(r.changed, [{ name: 'reply', from: clock.dueAt, to: clock.dueAt }], 'same instant, no longer provisional');
  assert.equal(r.clocks[0]!.calendarVersion, 2);
  assert.deepEqual(deadlineStanding(r.clocks, CONFIRMED), { provisionalYears: [], settledYears: [], clocks: [] });
  // A data release settles the year without a new calendar version: same instant, same version, and
  // still a change, because the deadline is no longer provisional.
  const released = recomputeClocks(definitions as never, { ...CONFIRMED, version: 1 }, facts, [clock]);
  assert.equal(released.changed.length, 1);
  assert.equal(
    released.clocks[0]!.trace.some((s) => s.kind === 'no-holiday-data'),
    false,
  );
});
