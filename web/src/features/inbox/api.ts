/** The caller's own notifications (issue #14): GET /api/inbox, the bell's unread count, marking read. */
import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

export type InboxPage = JsonAnswer<'/api/inbox', 'get', 200>;
export type InboxItem = InboxPage['items'][number];

export const INBOX_KINDS = [
  'bulletin',
  'progress',
  'special_report',
  'leader_alert',
  'escalation',
  'crisis_alert',
  'emergency_alert',
  'progress_overdue',
  'report_due',
] as const;

export function listInbox(kind: string | null, cursor: string | null, limit = 50): Promise<InboxPage> {
  return api<InboxPage>('/inbox', { query: { kind: kind ?? undefined, cursor: cursor ?? undefined, limit } });
}

export async function unreadCount(): Promise<number> {
  return (await api<JsonAnswer<'/api/inbox/unread-count', 'get', 200>>('/inbox/unread-count')).unread;
}

export async function markRead(id: string): Promise<void> {
  await api<void>(`/inbox/${encodeURIComponent(id)}/read`, { method: 'POST' });
  announceInboxChange();
}

export async function markAllRead(kind: string | null): Promise<number> {
  const r = await api<JsonAnswer<'/api/inbox/read-all', 'post', 200>>('/inbox/read-all', {
    method: 'POST',
    query: { kind: kind ?? undefined },
  });
  announceInboxChange();
  return r.marked;
}

/** The bell listens for this, so marking read on the inbox page updates its count at once. */
export const INBOX_CHANGED = 'plaint:inbox-changed';
const announceInboxChange = () => window.dispatchEvent(new Event(INBOX_CHANGED));
