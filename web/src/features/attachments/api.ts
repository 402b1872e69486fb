/** Evidence files of a complaint (docs/SECURITY.md "Attachments"): list, upload (multipart), the bytes' URL. */
import { api, apiUrl } from '../../api/client.ts';

import type { JsonAnswer } from '../../api/types.ts';

/** An attachment's metadata, as the OpenAPI document describes it (generated types). */
export type Attachment = JsonAnswer<'/api/complaints/{id}/attachments', 'get', 200>[number];

/** What the server accepts, checked by content there; the picker only narrows the choice. */
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp,image/gif,application/pdf,.jpg,.jpeg,.png,.webp,.gif,.pdf';
export const MAX_BYTES = 10 * 1024 * 1024;

const base = (complaintId: string) => `/complaints/${encodeURIComponent(complaintId)}/attachments`;

export const listAttachments = (complaintId: string) => api<Attachment[]>(base(complaintId));

export function uploadAttachment(complaintId: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<Attachment>(base(complaintId), { body: form });
}

export const attachmentUrl = (id: string) => apiUrl(`/attachments/${encodeURIComponent(id)}`);
