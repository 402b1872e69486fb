/** Business calendar (R-TL-1): pure functions over a BusinessCalendar value; `now` is always passed in. */
export { DEFAULT_CALENDAR } from './default-calendar.ts';
export { validateCalendar, type CalendarValidation } from './validate-calendar.ts';
export { dayInfo, type DayInfo, type DayReason } from './day-info.ts';
export { hasOfficialHolidayData, officialHolidayYears } from './holiday-data.ts';
export { isWorkingInstant, nextWorkingStart, endOfLocalDay, localDateOf, workingBounds, localWallTime } from './working-time.ts';
export { addBusinessMinutes, businessMinutesBetween, addBusinessDays, type BusinessResult } from './business-time.ts';
