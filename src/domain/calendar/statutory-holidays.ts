/**
 * The statutory public holidays of a year whose official arrangement is not yet published (R-TL-1,
 * #15 item 8). The State Council's 《全国年节及纪念日放假办法》 (as amended in 2024, in force from 2025)
 * fixes them by date or by the lunar calendar: 元旦 1 day (1 Jan); 春节 4 days (除夕 and 正月初一 to
 * 初三); 清明 1 day (the solar term); 劳动节 2 days (1–2 May); 端午 1 day (五月初五); 中秋 1 day
 * (八月十五); 国庆 3 days (1–3 Oct). What it cannot fix are the adjusted working days (调休) and the
 * bridging days each year's notice adds; those stay unknown until the notice, so every deadline that
 * counts such a year is provisional.
 *
 * Why a table and not the chinese-days lunar functions at run time: those functions answer in the
 * process's time zone (a process west of UTC gets each date one day early; see holiday-data.ts). The
 * rows below were produced by those functions under TZ=Asia/Shanghai, and
 * test/domain/statutory-holidays.test.ts checks every row against them in a child process under that
 * zone, and the 2025–2026 rows against the published arrangements.
 */

export interface StatutoryHoliday {
  name: string;
  nameZh: string;
}

// [year, 除夕, 清明, 端午, 中秋] as 'MM-DD' in China's calendar.
const LUNAR_ROWS: readonly (readonly [number, string, string, string, string])[] = [
  [2025, '01-28', '04-04', '05-31', '10-06'],
  [2026, '02-16', '04-05', '06-19', '09-25'],
  [2027, '02-05', '04-05', '06-09', '09-15'],
  [2028, '01-25', '04-04', '05-28', '10-03'],
  [2029, '02-12', '04-04', '06-16', '09-22'],
  [2030, '02-02', '04-05', '06-05', '09-12'],
  [2031, '01-22', '04-05', '06-24', '10-01'],
  [2032, '02-10', '04-04', '06-12', '09-19'],
  [2033, '01-30', '04-04', '06-01', '09-08'],
  [2034, '02-18', '04-05', '06-20', '09-27'],
  [2035, '02-07', '04-05', '06-10', '09-16'],
  [2036, '01-27', '04-04', '05-30', '10-04'],
  [2037, '02-14', '04-04', '06-18', '09-24'],
  [2038, '02-03', '04-05', '06-07', '09-13'],
  [2039, '01-23', '04-05', '05-27', '10-02'],
  [2040, '02-11', '04-04', '06-14', '09-20'],
  [2041, '01-31', '04-04', '06-03', '09-10'],
  [2042, '01-21', '04-04', '06-22', '09-28'],
  [2043, '02-09', '04-05', '06-11', '09-17'],
  [2044, '01-29', '04-04', '05-31', '10-05'],
  [2045, '02-16', '04-04', '06-19', '09-25'],
  [2046, '02-05', '04-04', '06-08', '09-15'],
  [2047, '01-25', '04-05', '05-29', '10-04'],
  [2048, '02-13', '04-04', '06-15', '09-22'],
  [2049, '02-01', '04-04', '06-04', '09-11'],
  [2050, '01-22', '04-04', '06-23', '09-30'],
];

const FIXED: readonly (readonly [string, StatutoryHoliday])[] = [
  ['01-01', { name: "New Year's Day", nameZh: '元旦' }],
  ['05-01', { name: 'Labour Day', nameZh: '劳动节' }],
  ['05-02', { name: 'Labour Day', nameZh: '劳动节' }],
  ['10-01', { name: 'National Day', nameZh: '国庆节' }],
  ['10-02', { name: 'National Day', nameZh: '国庆节' }],
  ['10-03', { name: 'National Day', nameZh: '国庆节' }],
];

const SPRING: StatutoryHoliday = { name: 'Spring Festival', nameZh: '春节' };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function build(): Map<string, StatutoryHoliday> {
  const days = new Map<string, StatutoryHoliday>();
  for (const [year, eve, qingming, dragon, moon] of LUNAR_ROWS) {
    for (const [md, h] of FIXED) days.set(`${year}-${md}`, h);
    for (let i = 0; i < 4; i++) days.set(addDays(`${year}-${eve}`, i), SPRING);
    days.set(`${year}-${qingming}`, { name: 'Qingming Festival', nameZh: '清明节' });
    days.set(`${year}-${dragon}`, { name: 'Dragon Boat Festival', nameZh: '端午节' });
    // 中秋 on 1–3 Oct (2028, 2031) falls inside 国庆; the day keeps National Day's name. How that
    // year's notice makes up for the shared day is one of the things only the notice can say.
    const moonDate = `${year}-${moon}`;
    if (!days.has(moonDate)) days.set(moonDate, { name: 'Mid-autumn Festival', nameZh: '中秋节' });
  }
  return days;
}

const DAYS = build();

/** The statutory holiday on a local date 'YYYY-MM-DD' of a covered year, if it is one. */
export function statutoryHoliday(localDate: string): StatutoryHoliday | undefined {
  return DAYS.get(localDate);
}

/** The years this table covers (first and last). */
export const STATUTORY_YEARS = { from: LUNAR_ROWS[0]![0], to: LUNAR_ROWS[LUNAR_ROWS.length - 1]![0] };

/** Every statutory holiday of a year, in date order (for tests and the calendar page). */
export function statutoryHolidaysOf(year: number): { date: string; holiday: StatutoryHoliday }[] {
  return [...DAYS]
    .filter(([d]) => d.startsWith(`${year}-`))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, holiday]) => ({ date, holiday }));
}
