/** Issue #16 item 2: the organisation tree as an administrator keeps it (types generated from the server's schemas). */
import { api, apiUrl } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

export type AdminNode = JsonAnswer<'/api/org-nodes', 'get', 200>[number];
export type NodeKind = AdminNode['kind'];
export type OrgChange = JsonAnswer<'/api/org-nodes/{id}/changes', 'get', 200>[number];
export type OrgImportResult = JsonAnswer<'/api/org-nodes/import', 'post', 200>;
export interface ImportRowError {
  sheet: string;
  row: number;
  field: string;
  reason: string;
}

export interface NodePatch {
  name?: string;
  parentId?: string | null;
  policyId?: string;
  disabled?: boolean;
  portal?: boolean;
  replyApproval?: boolean | null;
  runningClocks?: 'keep';
}

/** Where each kind may sit (the server's rule, src/domain/org/tree-rules.ts; it refuses the rest). */
export const CHILD_KINDS: Record<NodeKind, NodeKind[]> = {
  group: ['company'],
  company: ['unit', 'department'],
  unit: ['department'],
  department: [],
};

export const listNodes = () => api<AdminNode[]>('/org-nodes');
export const createNode = (body: { name: string; kind: NodeKind; parentId: string | null; policyId?: string; portal?: boolean }) =>
  api<AdminNode>('/org-nodes', { method: 'POST', body });
export const patchNode = (id: string, body: NodePatch) => api<AdminNode>(`/org-nodes/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const listChanges = (id: string) => api<OrgChange[]>(`/org-nodes/${encodeURIComponent(id)}/changes`);
export const templateUrl = () => apiUrl('/org-nodes/import-template');

/** The import's answer, or its refusal with every wrong row (400 with `rows`). */
export async function importWorkbook(
  file: File,
  dryRun: boolean,
): Promise<{ ok: true; result: OrgImportResult } | { ok: false; message: string; rows: ImportRowError[] }> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = document.cookie.match(/(?:^|;\s*)plaint_csrf=([^;]*)/)?.[1];
  if (csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
  const res = await fetch(apiUrl('/org-nodes/import', { dryRun }), { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const body = await res.json().catch(() => null);
  if (res.ok) return { ok: true, result: body as OrgImportResult };
  return { ok: false, message: body?.error?.message ?? res.statusText, rows: (body?.rows as ImportRowError[] | undefined) ?? [] };
}
