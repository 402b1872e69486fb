import { api } from '../../api/client.ts';
import type { Complaint, ComplaintSummary, Page } from '../../api/types.ts';
import { STATUSES } from '../../api/types.ts';

/** The server's own type of the intake body (type-only: nothing of the server is bundled). */
import type { NewComplaintInput as CreateComplaintBody } from '../../../../src/use-cases/intake-input.ts';
export type { CreateComplaintBody };

/** The idempotency key makes a double-clicked or retried submit return the first record (R-LC-1). */
export const createComplaint = (body: CreateComplaintBody, idempotencyKey: string) =>
  api<Complaint>('/complaints', { body, headers: { 'Idempotency-Key': idempotencyKey } });

export const complaintsByPhone = (phone: string) =>
  api<Page<ComplaintSummary>>('/complaints', { query: { q: phone, sort: 'received', limit: 10 } });

const OPEN = STATUSES.filter((s) => s !== 'closed');
export const similarOpen = (q: string, unitId?: string) =>
  api<Page<ComplaintSummary>>('/complaints', {
    query: { q, unitId: unitId ? [unitId] : undefined, status: OPEN, sort: 'received', limit: 8 },
  });

/** Same pattern as the server's (mobile, landline with area code and extension, 400/800). */
export const PHONE_RE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;
