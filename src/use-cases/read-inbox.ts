/**
 * The console inbox (issue #14): the caller's own notifications, as their positions resolved them when
 * each was written (or, marked unaddressed, because the caller administers a company where nobody held
 * the position). Unread first, then newest; the bell reads the unread count.
 */
import type { Deps } from './context.ts';
import { inboxPage, markAllRead, markRead, unreadCount, type InboxKey } from '../data/notification-store.ts';
import { findPack } from '../policies/index.ts';
import { notificationSubjectZh } from './pack-lookup.ts';
import { invalid, notFound } from '../domain/errors.ts';
import type { UserRef } from '../security/scope.ts';

export const INBOX_DEFAULT_LIMIT = 50;

export interface InboxItem {
  id: string;
  complaintId: string | null;
  code: string | null;
  kind: string;
  ruleId: string;
  subject: string;
  /** The rule's Chinese subject (the stored, English one when the rule has none). */
  subjectZh: string;
  dueAt: string;
  createdAt: string;
  readAt: string | null;
  unaddressed: boolean;
  positionId: string;
  /** The position's name in the complaint's pack (the id when the pack does not declare it). */
  positionName: string;
  positionNameZh: string;
}

export interface InboxQueryInput {
  kind?: string;
  limit?: number;
  cursor?: string;
}

const encodeCursor = (k: InboxKey) => Buffer.from(JSON.stringify([k.unread, k.createdAt, k.id])).toString('base64url');

function decodeCursor(cursor: string): InboxKey {
  try {
    const [unread, createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      (unread === 0 || unread === 1) &&
      typeof createdAt === 'string' &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { unread, createdAt, id };
    }
  } catch {
    // answered below
  }
  throw invalid('cursor', 'not a cursor this inbox gave out');
}

export async function readInbox(
  deps: Deps,
  user: UserRef,
  q: InboxQueryInput = {},
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const limit = q.limit ?? INBOX_DEFAULT_LIMIT;
  const rows = await inboxPage(deps.db, {
    userId: user.id,
    kind: q.kind ?? null,
    limit: limit + 1,
    after: q.cursor ? decodeCursor(q.cursor) : null,
  });
  const page = rows.slice(0, limit);
  const items = page.map((r): InboxItem => {
    const pack = r.policyId ? findPack(r.policyId) : undefined;
    const position = pack?.positions.find((p) => p.id === r.positionId);
    return {
      id: r.id,
      complaintId: r.complaintId,
      code: r.code,
      kind: r.kind,
      ruleId: r.ruleId,
      subject: r.subject,
      subjectZh: notificationSubjectZh(pack, r),
      dueAt: new Date(r.dueAt).toISOString(),
      createdAt: new Date(r.createdAt).toISOString(),
      readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
      unaddressed: r.unaddressed,
      positionId: r.positionId,
      positionName: position?.name ?? r.positionId,
      positionNameZh: position?.nameZh ?? r.positionId,
    };
  });
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ unread: last.readAt === null ? 1 : 0, createdAt: last.createdKey, id: last.id }) : null;
  return { items, nextCursor };
}

export async function readUnreadCount(deps: Deps, user: UserRef): Promise<{ unread: number }> {
  return { unread: await unreadCount(deps.db, user.id) };
}

/** Marks one of the caller's notifications read; another's (or an unknown id) is 404. */
export async function markNotificationRead(deps: Deps, user: UserRef, id: string): Promise<void> {
  if (!(await markRead(deps.db, user.id, id, deps.now()))) throw notFound(`notification '${id}'`);
}

export async function markAllNotificationsRead(deps: Deps, user: UserRef, kind: string | null = null): Promise<{ marked: number }> {
  return { marked: await markAllRead(deps.db, user.id, kind, deps.now()) };
}
