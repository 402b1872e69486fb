import { api, apiUrl, type Query } from '../../api/client.ts';
import type { Complaint, ComplaintSummary, Page } from '../../api/types.ts';

export interface QueueFilters {
  status?: string[];
  level?: string[];
  unitId?: string[];
  channel?: string[];
  categoryId?: string;
  clockState?: string;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
  /** Set by a click on the dashboard's intake-per-day chart (ISO instants). */
  receivedFrom?: string;
  receivedTo?: string;
  sort: 'due' | 'received';
}

const LIST_KEYS = ['status', 'level', 'unitId', 'channel'] as const;

/** Filters live in the URL so a dashboard click, a reload or a shared link shows the same queue. */
export function filtersFromSearch(params: URLSearchParams): QueueFilters {
  const f: QueueFilters = { sort: params.get('sort') === 'received' ? 'received' : 'due' };
  for (const k of LIST_KEYS) {
    const v = params.getAll(k);
    if (v.length) f[k] = v;
  }
  const categoryId = params.get('categoryId');
  if (categoryId) f.categoryId = categoryId;
  const clockState = params.get('clockState');
  if (clockState) f.clockState = clockState;
  if (params.get('overdue') === 'true') f.overdue = true;
  if (params.get('mine') === 'true') f.mine = true;
  const q = params.get('q');
  if (q) f.q = q;
  const from = params.get('receivedFrom');
  const to = params.get('receivedTo');
  if (from) f.receivedFrom = from;
  if (to) f.receivedTo = to;
  return f;
}

export function filtersToSearch(f: QueueFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of LIST_KEYS) f[k]?.forEach((v) => p.append(k, v));
  if (f.categoryId) p.set('categoryId', f.categoryId);
  if (f.clockState) p.set('clockState', f.clockState);
  if (f.overdue) p.set('overdue', 'true');
  if (f.mine) p.set('mine', 'true');
  if (f.q) p.set('q', f.q);
  if (f.receivedFrom) p.set('receivedFrom', f.receivedFrom);
  if (f.receivedTo) p.set('receivedTo', f.receivedTo);
  if (f.sort !== 'due') p.set('sort', f.sort);
  return p;
}

/** The view's query: what the list and its export both take. */
function viewQuery(f: QueueFilters): Query {
  return {
    status: f.status,
    level: f.level,
    unitId: f.unitId,
    channel: f.channel,
    categoryId: f.categoryId,
    clockState: f.clockState,
    overdue: f.overdue,
    mine: f.mine,
    q: f.q?.trim(),
    receivedFrom: f.receivedFrom,
    receivedTo: f.receivedTo,
    sort: f.sort,
  };
}

/** `get` is prefetch when the page is asked for ahead of need (console-routes.ts), so both build one query. */
export function listComplaints(
  f: QueueFilters,
  cursor?: string | null,
  limit = 25,
  get: <T>(path: string, query: Query) => Promise<T> = (path, query) => api(path, { query }),
) {
  return get<Page<ComplaintSummary>>('/complaints', { ...viewQuery(f), limit, cursor: cursor ?? undefined });
}

/** The whole view as a file (GET /api/complaints/export.csv|xlsx); the browser downloads it with the session cookie. */
export const exportUrl = (f: QueueFilters, format: 'csv' | 'xlsx') => apiUrl(`/complaints/export.${format}`, viewQuery(f));

export const dispatchComplaint = (id: string, leadDepartmentId: string) =>
  api<Complaint>(`/complaints/${id}/actions`, { body: { type: 'dispatch', leadDepartmentId } });
