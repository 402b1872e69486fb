/** Issue #16 item 4: a company's or unit's tuned pack (types generated from the server's schemas). */
import { api } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';

type Ok<R> = R extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type NodePolicy = Ok<paths['/api/units/{id}/policy']['get']>;
export type PolicyPreview = Ok<paths['/api/units/{id}/policy/preview']['post']>;
export type PackJson = NodePolicy['effective'];
export type Patch = Record<string, unknown>;
export interface PreviewSample {
  channel: PolicyPreview['sample']['channel'];
  receivedAt: string;
  level?: string;
}

export const getNodePolicy = (nodeId: string) => api<NodePolicy>(`/units/${encodeURIComponent(nodeId)}/policy`);
export const saveNodePolicy = (nodeId: string, overrides: Patch, policyId: string) =>
  api<NodePolicy>(`/units/${encodeURIComponent(nodeId)}/policy`, { method: 'PUT', body: { overrides, policyId } });
export const previewNodePolicy = (nodeId: string, overrides: Patch, policyId: string, sample: PreviewSample) =>
  api<PolicyPreview>(`/units/${encodeURIComponent(nodeId)}/policy/preview`, { method: 'POST', body: { overrides, policyId, sample } });
