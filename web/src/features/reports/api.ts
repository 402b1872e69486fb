/** Periodic reports and quarterly KPIs (src/http/routes/reports.routes.ts). */
import { api, apiUrl } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

export const REPORT_KINDS = ['daily', 'half_monthly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

// The answers as the OpenAPI document describes them (generated types): the web cannot drift from the API.
/** What GET /api/reports/periodic returns: the report, and when a closed period's snapshot was taken. */
export type PeriodicReport = JsonAnswer<'/api/reports/periodic', 'get', 200>;
export type Breakdown = PeriodicReport['byChannel'][number];
export type ReportItem = PeriodicReport['important'][number];
export type TimeLimit = PeriodicReport['timeLimits'][number];

export interface PeriodicQuery {
  nodeId: string;
  kind: ReportKind;
  period: string;
}
export const getPeriodicReport = (q: PeriodicQuery) => api<PeriodicReport>('/reports/periodic', { query: { ...q } });
export const periodicXlsxUrl = (q: PeriodicQuery) => apiUrl('/reports/periodic.xlsx', { ...q });
export const periodicHtmlUrl = (q: PeriodicQuery) => apiUrl('/reports/periodic.html', { ...q });

/** GET /api/reports/schedules: the packs' report schedules under a node, each with its next due date (issue #15). */
export type ReportSchedules = JsonAnswer<'/api/reports/schedules', 'get', 200>;
export type ReportScheduleRow = ReportSchedules['schedules'][number];
export const getReportSchedules = (nodeId: string, date?: string) =>
  api<ReportSchedules>('/reports/schedules', { query: { nodeId, date } });

export interface ScheduledQuery {
  nodeId: string;
  policyId: string;
  scheduleId: string;
  period: string;
}
export const getScheduledReport = (q: ScheduledQuery) => api<PeriodicReport>('/reports/scheduled', { query: { ...q } });

export type Kpi = JsonAnswer<'/api/reports/kpi', 'get', 200>;
export const getKpi = (nodeId: string, quarter: string) => api<Kpi>('/reports/kpi', { query: { nodeId, quarter } });

export const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
