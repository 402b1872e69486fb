import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

/**
 * R-TL-1 pitfall: chinese-days answers in the process's local zone. The calendar must give the same
 * answer whatever TZ the server runs in, so these tests run the calendar in child processes under
 * zones on both sides of the date line and compare.
 */

const calendarUrl = new URL('../../src/domain/calendar/index.ts', import.meta.url).href;
const clocksUrl = new URL('../../src/domain/clocks/index.ts', import.meta.url).href;
const root = fileURLToPath(new URL('../../', import.meta.url));

const FINGERPRINT = `
const c = await import(${JSON.stringify(calendarUrl)});
const k = await import(${JSON.stringify(clocksUrl)});
const cal = c.DEFAULT_CALENDAR;
const out = [];
const { from, to } = c.officialHolidayYears();
for (let d = new Date(Date.UTC(from, 0, 1)); d.getUTCFullYear() <= to + 1; d.setUTCDate(d.getUTCDate() + 1)) {
  const i = c.dayInfo(cal, d.toISOString().slice(0, 10));
  out.push(i.date + (i.working ? 'W' : 'R') + i.reason[0] + (i.officialData ? '' : '?'));
}
const starts = ['2026-09-30T09:45:00Z', '2026-10-03T06:00:00Z', '2026-02-13T08:00:00Z', '2026-03-10T12:00:00Z', '2026-05-08T15:59:00Z'];
const rule = { kind: 'by_receipt_class', inHours: { kind: 'business_minutes', minutes: 30 }, outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 }, restDay: { kind: 'end_of_day' } };
for (const s of starts) {
  const t = new Date(s);
  out.push(c.addBusinessMinutes(cal, t, 95).due.toISOString(), c.addBusinessDays(cal, t, 7).due.toISOString(),
    c.localDateOf(cal, t), c.endOfLocalDay(cal, t).toISOString(), k.computeDue(cal, rule, t).due.toISOString());
}
process.stdout.write(JSON.stringify({ from, to, out }));
`;

async function runUnder(tz: string, code: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return stdout;
}

const AGREEMENT = `
const c = await import(${JSON.stringify(calendarUrl)});
const cd = (await import('chinese-days')).default;
const { from, to } = c.officialHolidayYears();
const diffs = [];
for (let d = new Date(Date.UTC(from, 0, 1)); d.getUTCFullYear() <= to; d.setUTCDate(d.getUTCDate() + 1)) {
  const date = d.toISOString().slice(0, 10);
  const ours = c.dayInfo(c.DEFAULT_CALENDAR, date);
  const theirs = cd.getDayDetail(date);
  if (theirs.date !== date || theirs.work !== ours.working) diffs.push(date);
}
process.stdout.write(JSON.stringify(diffs));
`;

// The children start when this file is loaded, side by side, and the tests await their answers: their
// start-up then overlaps the other tests of the run instead of each waiting for the one before.
// The catches only mark a failure as awaited later; each test still sees its own.
const zones = ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'];
const fingerprints = Promise.all(['Asia/Shanghai', ...zones].map((tz) => runUnder(tz, FINGERPRINT)));
fingerprints.catch(() => {});
const agreement = runUnder('Asia/Shanghai', AGREEMENT);
agreement.catch(() => {});

test('R-TL-1: calendar answers are identical under Asia/Shanghai, America/Los_Angeles, Pacific/Kiritimati and UTC', async () => {
  const [reference, ...others] = await fingerprints;
  const parsed = JSON.parse(reference) as { out: string[] };
  assert.ok(parsed.out.includes('2026-10-01Rp'), 'National Day is a public holiday in the reference run');
  assert.ok(parsed.out.includes('2026-10-10Wa'), '10 October 2026 is an adjusted working day in the reference run');
  for (const [i, tz] of zones.entries()) {
    const other = others[i];
    if (other !== reference) {
      const a = parsed.out;
      const b = (JSON.parse(other) as { out: string[] }).out;
      const firstDiff = a.findIndex((v, i) => v !== b[i]);
      assert.fail(`TZ=${tz} differs from Asia/Shanghai at ${a[firstDiff]} vs ${b[firstDiff]}`);
    }
  }
});

test('R-TL-1: the calendar agrees day by day with the chinese-days API where that API is reliable (TZ=Asia/Shanghai)', async () => {
  assert.deepEqual(JSON.parse(await agreement), []);
});
