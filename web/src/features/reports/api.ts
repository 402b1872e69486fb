/** Periodic reports and quarterly KPIs (src/http/routes/reports.routes.ts). */
import { api, apiUrl } from '../../api/client.ts';
import type { PeriodicReport as DomainPeriodicReport } from '../../../../src/domain/reports/periodic-report.ts';

export const REPORT_KINDS = ['daily', 'half_monthly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

// The server's own types: the web cannot drift from what the API returns (type-only, nothing is bundled).
export type { Breakdown, ReportItem } from '../../../../src/domain/reports/periodic-report.ts';
export type TimeLimit = PeriodicReport['timeLimits'][number];
/** What GET /api/reports/periodic returns: the report, and when a closed period's snapshot was taken. */
export type PeriodicReport = DomainPeriodicReport & { snapshotAt: string | null };

export interface PeriodicQuery {
  nodeId: string;
  kind: ReportKind;
  period: string;
}
export const getPeriodicReport = (q: PeriodicQuery) => api<PeriodicReport>('/reports/periodic', { query: { ...q } });
export const periodicXlsxUrl = (q: PeriodicQuery) => apiUrl('/reports/periodic.xlsx', { ...q });
export const periodicHtmlUrl = (q: PeriodicQuery) => apiUrl('/reports/periodic.html', { ...q });

export interface Kpi {
  node: { id: string; name: string };
  quarter: { key: string; startDate: string; endDate: string; labelZh: string };
  closureRanking: { userId: string; name: string; validReceived: number; validClosed: number; closureRate: number | null; rank: number }[];
  timelinessRanking: {
    userId: string;
    name: string;
    score: number;
    rank: number;
    months: { month: string; complaints: number; score: number; timelyRate: number | null }[];
  }[];
  satisfactionRanking: { userId: string; name: string; average: number | null; count: number; rank: number }[];
  fuelStations: Record<string, unknown>[];
}
export const getKpi = (nodeId: string, quarter: string) => api<Kpi>('/reports/kpi', { query: { nodeId, quarter } });

export const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
