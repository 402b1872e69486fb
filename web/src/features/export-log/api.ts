/** GET /api/export-log: who exported which queue view (exportlog.read: administrator, auditor). */
import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

/** The export log's page and entry, as the OpenAPI document describes them (generated types). */
export type ExportLogPage = JsonAnswer<'/api/export-log', 'get', 200>;
export type ExportLogEntry = ExportLogPage['items'][number];

export function listExportLog(before: string | null, limit = 50): Promise<ExportLogPage> {
  return api<ExportLogPage>('/export-log', { query: { limit, before: before ?? undefined } });
}

/** The queue view's filters as the queue's own query string, so a reader sees what was exported. */
export function filtersText(filters: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  return decodeURIComponent(p.toString());
}
