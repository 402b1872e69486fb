/** The case library (R-RP-2): anonymised closed complaints, searchable, and recurring patterns. */
import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

// The answers as the OpenAPI document describes them (generated types).
export type CaseItem = JsonAnswer<'/api/cases/{id}', 'get', 200>;
type Patterns = JsonAnswer<'/api/cases/patterns', 'get', 200>;
export type Pattern = Patterns['patterns'][number];

export const searchCases = (q: { q?: string; unitId?: string; classification?: string }) =>
  api<JsonAnswer<'/api/cases', 'get', 200>>('/cases', { query: { ...q, limit: 100 } });
export const getCase = (id: string) => api<CaseItem>(`/cases/${encodeURIComponent(id)}`);
export const getPatterns = (months = 6) => api<Patterns>('/cases/patterns', { query: { months } });
