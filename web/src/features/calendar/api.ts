import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

// The answers as the OpenAPI document describes them (generated types).
export type CalendarAnswer = JsonAnswer<'/api/units/{id}/calendar', 'get', 200>;
export type CalendarConfig = CalendarAnswer['calendar'];
export type CalendarDay = CalendarAnswer['days'][number];

export const getCalendar = (unitId: string, year: number) =>
  api<CalendarAnswer>(`/units/${encodeURIComponent(unitId)}/calendar`, { query: { year } });

export const putCalendar = (unitId: string, calendar: Omit<CalendarConfig, 'version'>) =>
  api<JsonAnswer<'/api/units/{id}/calendar', 'put', 200>>(`/units/${encodeURIComponent(unitId)}/calendar`, {
    method: 'PUT',
    body: calendar,
  });
