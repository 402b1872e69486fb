/** Issue #14 item 6: the e-mail intake's mailboxes and what they took (types generated from the server's schemas). */
import { api } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';

export type Mailbox = paths['/api/mailboxes']['get']['responses'][200]['content']['application/json'][number];
export type IntakeResult = paths['/api/mail-intake']['get']['responses'][200]['content']['application/json'][number];

export const listMailboxes = () => api<Mailbox[]>('/mailboxes');
export const addMailbox = (body: { unitId: string; url: string; folder?: string }) => api<Mailbox>('/mailboxes', { method: 'POST', body });
export const updateMailbox = (id: string, body: { url?: string; folder?: string; enabled?: boolean }) =>
  api<Mailbox>(`/mailboxes/${id}`, { method: 'PATCH', body });
export const listIntake = (outcome?: IntakeResult['outcome']) => api<IntakeResult[]>('/mail-intake', { query: outcome ? { outcome } : {} });
