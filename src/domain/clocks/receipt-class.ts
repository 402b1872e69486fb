import type { BusinessCalendar } from '../contracts.ts';
import { dayInfo, localDateOf, workingBounds } from '../calendar/index.ts';

export type ReceiptClass = 'in_hours' | 'outside_hours_workday' | 'rest_day';

export const RECEIPT_CLASS_TEXT: Record<ReceiptClass, { en: string; zh: string }> = {
  in_hours: { en: 'received in working hours', zh: '工作时间内收到' },
  outside_hours_workday: { en: 'received on a working day outside working hours', zh: '工作日非工作时间收到' },
  rest_day: { en: 'received on a rest day or public holiday', zh: '休息日或法定节假日收到' },
};

/**
 * Vanke 5.2.2 (R-TL-2) defines off-hours on a working day as "from the previous day's close until
 * the day's start" (前日下班后直到当日上班前), so a lunch break between two periods of the same day
 * still counts as working hours; business-minute counting then resumes after the break anyway.
 */
export function receiptClassOf(cal: BusinessCalendar, t: Date): ReceiptClass {
  const date = localDateOf(cal, t);
  if (!dayInfo(cal, date).working) return 'rest_day';
  const bounds = workingBounds(cal, date);
  const ms = t.getTime();
  return bounds && bounds.open.getTime() <= ms && ms < bounds.close.getTime() ? 'in_hours' : 'outside_hours_workday';
}
