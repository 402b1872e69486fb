import { api, type Query } from '../../api/client.ts';
import type { Complaint } from '../../api/types.ts';

export const getComplaint = (id: string) => api<Complaint>(`/complaints/${encodeURIComponent(id)}`);

export const performAction = (id: string, action: { type: string } & Record<string, unknown>) =>
  api<Complaint>(`/complaints/${encodeURIComponent(id)}/actions`, { body: action });

/** The assessment's shape varies by pack; facts the record lacks (harm, product value, …) go in the query. */
export const getAssessment = (id: string, facts: Query = {}) =>
  api<unknown>(`/complaints/${encodeURIComponent(id)}/assessment`, { query: facts });

/** Unmasked phone and e-mail (R-IN-4); the server records each view as a contact_viewed event. */
export const getContact = (id: string) =>
  api<{ customerId: string; name: string; phone: string | null; email: string | null }>(`/complaints/${encodeURIComponent(id)}/contact`);
