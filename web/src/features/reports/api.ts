/** Periodic reports and quarterly KPIs (src/http/routes/reports.routes.ts). */
import { api, apiUrl } from '../../api/client.ts';

export const REPORT_KINDS = ['daily', 'half_monthly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Breakdown { key: string | null; labelZh: string; count: number; closed: number; share: number }
export interface TimeLimit { name: string; labelZh: string; total: number; metOnTime: number; breached: number; pending: number; complianceRate: number | null }
export interface ReportItem {
  id: string;
  code: string;
  title: string;
  unitId: string;
  unitName: string;
  level: string;
  levelZh: string;
  status: string;
  statusZh: string;
  receivedAt: string;
  categoryZh: string | null;
  accountZh: string;
}
export interface PeriodicReport {
  node: { id: string; name: string };
  period: { kind: ReportKind; key: string; startDate: string; endDate: string; dueDate: string; labelZh: string };
  asOf: string;
  closedPeriod: boolean;
  snapshotAt: string | null;
  totals: {
    received: number; valid: number; invalid: number; suggestion: number; unqualified: number; open: number; overdue: number; closed: number; repeat: number;
    closureRate: number | null; repeatRate: number | null; satisfactionAverage: number | null; satisfactionCount: number;
  };
  byChannel: Breakdown[];
  byCategory: Breakdown[];
  byLevel: Breakdown[];
  byUnit: Breakdown[];
  timeLimits: TimeLimit[];
  important: ReportItem[];
  hotAndMajor: ReportItem[];
}

export interface PeriodicQuery { nodeId: string; kind: ReportKind; period: string }
export const getPeriodicReport = (q: PeriodicQuery) => api<PeriodicReport>('/reports/periodic', { query: { ...q } });
export const periodicXlsxUrl = (q: PeriodicQuery) => apiUrl('/reports/periodic.xlsx', { ...q });
export const periodicHtmlUrl = (q: PeriodicQuery) => apiUrl('/reports/periodic.html', { ...q });

export interface Kpi {
  node: { id: string; name: string };
  quarter: { key: string; startDate: string; endDate: string; labelZh: string };
  closureRanking: { userId: string; name: string; validReceived: number; validClosed: number; closureRate: number | null; rank: number }[];
  timelinessRanking: { userId: string; name: string; score: number; rank: number; months: { month: string; complaints: number; score: number; timelyRate: number | null }[] }[];
  satisfactionRanking: { userId: string; name: string; average: number | null; count: number; rank: number }[];
  fuelStations: Record<string, unknown>[];
}
export const getKpi = (nodeId: string, quarter: string) => api<Kpi>('/reports/kpi', { query: { nodeId, quarter } });

export const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
