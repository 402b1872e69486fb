/** The calendar a unit's clocks run on: its latest saved version, or the default (Asia/Shanghai, Mon–Fri 9–18). */
import type { Db } from '../data/complaint-store.ts';
import { latestCalendar } from '../data/org-store.ts';
import type { BusinessCalendar } from '../domain/contracts.ts';
import { DEFAULT_CALENDAR } from '../domain/calendar/index.ts';

export async function calendarForUnit(db: Db, unitId: string): Promise<BusinessCalendar> {
  return (await latestCalendar(db, unitId)) ?? DEFAULT_CALENDAR;
}
