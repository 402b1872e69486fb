/**
 * The export log, read (issue #17): who exported which queue view, when, in which format, how many rows
 * went out, whether contacts went out unmasked and whether the download finished. An administrator or
 * an auditor at a node sees the exports of the users at or below it; the installation's administrator
 * sees every one.
 */
import type { Deps } from './context.ts';
import type { SessionUser } from './auth.ts';
import { listExportLog, type ExportLogEntry } from '../data/export-log-store.ts';
import { scopeOf } from '../security/scope.ts';
import { invalid } from '../domain/errors.ts';

export interface ExportLogView {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  user: { id: string; name: string; email: string } | null;
  /** The name the user had when exporting (kept if the account is renamed or gone). */
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
  items: ExportLogView[];
  /** The id to pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

const view = (e: ExportLogEntry): ExportLogView => ({
  id: String(e.id),
  startedAt: new Date(e.started_at).toISOString(),
  finishedAt: e.finished_at === null ? null : new Date(e.finished_at).toISOString(),
  user: e.user_id && e.user_email !== null ? { id: e.user_id, name: e.user_name ?? e.user_label, email: e.user_email } : null,
  userLabel: e.user_label,
  role: e.role,
  orgNodeId: e.org_node_id,
  subject: e.subject,
  format: e.format,
  filters: typeof e.filters === 'string' ? (JSON.parse(e.filters) as Record<string, unknown>) : (e.filters as Record<string, unknown>),
  contactsUnmasked: e.contacts_unmasked,
  rows: e.row_count,
  outcome: e.outcome,
});

export async function readExportLog(deps: Deps, actor: SessionUser, q: { limit?: number; before?: string }): Promise<ExportLogPage> {
  if (q.before !== undefined && !/^[1-9][0-9]{0,17}$/.test(q.before)) throw invalid('before', 'is not an export log id');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const scope = await scopeOf(deps.db, actor);
  // A department-scoped role owns no node; it is not given this capability, and would see nothing.
  const orgIds = scope.departmentIds ? [] : scope.orgIds === null ? null : [...scope.orgIds];
  const rows = await listExportLog(deps.db, { orgIds, limit: limit + 1, beforeId: q.before });
  const items = rows.slice(0, limit).map(view);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
}
