import { api, type Query } from '../../api/client.ts';
import type { Complaint, JsonAnswer } from '../../api/types.ts';

export const getComplaint = (id: string) => api<Complaint>(`/complaints/${encodeURIComponent(id)}`);

export const performAction = (id: string, action: { type: string } & Record<string, unknown>) =>
  api<Complaint>(`/complaints/${encodeURIComponent(id)}/actions`, { body: action });

/** The assessment's shape varies by pack; facts the record lacks (harm, product value, …) go in the query. */
export const getAssessment = (id: string, facts: Query = {}) =>
  api<JsonAnswer<'/api/complaints/{id}/assessment', 'get', 200>>(`/complaints/${encodeURIComponent(id)}/assessment`, { query: facts });

/** Unmasked phone and e-mail (R-IN-4); the server records each view as a contact_viewed event. */
export const getContact = (id: string) =>
  api<JsonAnswer<'/api/complaints/{id}/contact', 'get', 200>>(`/complaints/${encodeURIComponent(id)}/contact`);

/** Compensation given with its approver (S0 food 9.2, #15 item 5); 403 when the approver's authority is below it. */
export type CompensationRecord = JsonAnswer<'/api/complaints/{id}/compensations', 'post', 201>;
export interface CompensationInput {
  entryId: string;
  items: string;
  giftQuantity?: number;
  affectedQuantity?: number;
  medicalCostsYuan?: number;
  approverId?: string;
}
export const recordCompensation = (id: string, body: CompensationInput) =>
  api<CompensationRecord>(`/complaints/${encodeURIComponent(id)}/compensations`, { body });
