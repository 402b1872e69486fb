import { api } from '../../api/client.ts';

export interface Dashboard {
  /** When the server took these counts (at most 30 s before the answer). */
  asOf: string;
  openByLevel: { level: string | null; count: number }[];
  overdueByUnit: { unitId: string; unitName: string; count: number }[];
  intakePerDay: { day: string; count: number }[];
  byCategory: { categoryId: string | null; count: number }[];
  satisfaction: { week: string; avg: number; count: number }[];
  /** Positions that fired with nobody holding them (issue #14): a configuration problem to fix. */
  unaddressedPositions: {
    positionId: string;
    positionName: string;
    positionNameZh: string;
    orgNodeId: string | null;
    orgNodeName: string | null;
    count: number;
    lastAt: string;
  }[];
}

export const getDashboard = () => api<Dashboard>('/stats/dashboard');
