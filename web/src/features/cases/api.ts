/** The case library (R-RP-2): anonymised closed complaints, searchable, and recurring patterns. */
import { api } from '../../api/client.ts';

export interface CaseItem {
  id: string;
  complaintId: string;
  complaintCode: string;
  unitId: string;
  policyId: string;
  categoryId: string | null;
  level: string | null;
  classification: string;
  title: string;
  summary: string;
  lessons: string;
  evidence: unknown;
  receivedAt: string | null;
  closedAt: string | null;
  createdAt: string | null;
}
export interface Pattern {
  unitId: string;
  categoryId: string | null;
  total: number;
  slope: number;
  rising: boolean;
  months: { month: string; count: number }[];
  cases: { id: string; title: string }[];
}

export const searchCases = (q: { q?: string; unitId?: string; classification?: string }) =>
  api<{ items: CaseItem[] }>('/cases', { query: { ...q, limit: 100 } });
export const getCase = (id: string) => api<CaseItem>(`/cases/${encodeURIComponent(id)}`);
export const getPatterns = (months = 6) => api<{ months: string[]; patterns: Pattern[] }>('/cases/patterns', { query: { months } });
