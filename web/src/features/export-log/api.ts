/** GET /api/export-log: who exported which queue view (exportlog.read: administrator, auditor). */
import { api } from '../../api/client.ts';

export interface ExportLogEntry {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  user: { id: string; name: string; email: string } | null;
  userLabel: string;
  role: string;
  orgNodeId: string | null;
  subject: string;
  format: 'csv' | 'xlsx';
  filters: Record<string, unknown>;
  contactsUnmasked: boolean;
  rows: number;
  outcome: 'started' | 'completed' | 'aborted';
}

export interface ExportLogPage {
  items: ExportLogEntry[];
  nextBefore: string | null;
}

export function listExportLog(before: string | null, limit = 50): Promise<ExportLogPage> {
  return api<ExportLogPage>('/export-log', { query: { limit, before: before ?? undefined } });
}

/** The queue view's filters as the queue's own query string, so a reader sees what was exported. */
export function filtersText(filters: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  return decodeURIComponent(p.toString());
}
