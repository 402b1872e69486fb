/** The public portal: no token is ever sent, even if a console session exists in this browser. */
import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

export type PortalUnit = JsonAnswer<'/api/portal/units', 'get', 200>[number];

export interface SubmitBody {
  unitId: string;
  customer: { name: string; phone?: string; email?: string };
  title: string;
  content: string;
  demands?: string;
}

/** What tracking (and each of the customer's actions) answers: the OpenAPI document's (web/src/api/openapi.d.ts). */
export type Tracked = JsonAnswer<'/api/portal/track', 'post', 200>;

export interface Credentials {
  code: string;
  secret: string;
}

export const portalUnits = () => api<PortalUnit[]>('/portal/units', { anonymous: true });
export const submitComplaint = (body: SubmitBody) => api<{ code: string; secret: string }>('/portal/complaints', { body, anonymous: true });
export const track = (c: Credentials) => api<Tracked>('/portal/track', { body: c, anonymous: true });
export const confirmReply = (c: Credentials) => api<Tracked>('/portal/confirm', { body: c, anonymous: true });
export const disputeReply = (c: Credentials, reason: string) =>
  api<Tracked>('/portal/dispute', { body: { ...c, reason }, anonymous: true });
export const rate = (c: Credentials, score: number, comment?: string) =>
  api<Tracked>('/portal/rate', { body: { ...c, score, comment }, anonymous: true });

/** Adds one photo or PDF to a submitted complaint; the credentials go before the file part. */
export const uploadPortalFile = (c: Credentials, file: File) => {
  const form = new FormData();
  form.append('code', c.code);
  form.append('secret', c.secret);
  form.append('file', file, file.name);
  return api<{ filename: string; mime: string; size: number }>('/portal/attachments', { method: 'POST', body: form, anonymous: true });
};
