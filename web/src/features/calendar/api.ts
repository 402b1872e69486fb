import { api } from '../../api/client.ts';

export interface CalendarConfig {
  timeZone: string;
  workingPeriods: { start: string; end: string }[];
  workWeek: number[];
  useChineseHolidays: boolean;
  overrides: Record<string, { kind: 'workday' | 'holiday'; name?: string }>;
  version?: number;
}

export interface CalendarDay {
  date: string;
  working: boolean;
  reason: string;
  name?: string;
  nameZh?: string;
}

export interface CalendarAnswer {
  calendar: CalendarConfig;
  officialData: { from: number; to: number };
  year?: number;
  yearHasOfficialData?: boolean;
  days?: CalendarDay[];
}

export const getCalendar = (unitId: string, year: number) =>
  api<CalendarAnswer>(`/units/${encodeURIComponent(unitId)}/calendar`, { query: { year } });

export const putCalendar = (unitId: string, calendar: Omit<CalendarConfig, 'version'>) =>
  api<{ calendar: CalendarConfig }>(`/units/${encodeURIComponent(unitId)}/calendar`, { method: 'PUT', body: calendar });
