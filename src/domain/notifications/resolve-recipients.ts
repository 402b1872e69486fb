/**
 * Positions to people (issue #14): a notification names a pack position; it reaches the users holding
 * that position at the complaint's unit, or else at its nearest ancestor where someone holds it. A
 * position held by nobody on the way up is never a silent drop: the company's administrators receive
 * it, marked unaddressed, and the dashboard lists the gap to be fixed. Pure: the holders, the unit's
 * ancestry and the administrators come from the configuration copy, the ids from the caller.
 */
import type { NotificationDue } from '../contracts.ts';
import type { AddressedNotification, PositionHolder, Recipient } from './addressing.ts';

/** A holder as the configuration copy lists it; a disabled account is never a recipient. */
export type HolderEntry = PositionHolder & { disabled?: boolean };

/** A user who receives what nobody else would (an administrator of the unit's company). */
export type AdminEntry = Omit<Recipient, 'unaddressed'> & { disabled?: boolean };

/** Everything resolution needs about one unit. */
export interface AddressBook {
  /** The unit's id, then its parent's, up to the root: nearest first. */
  ancestry: readonly string[];
  /** Holders of any position at any node (only those on `ancestry` can match). */
  holders: readonly HolderEntry[];
  /** The administrators of the unit's company (their node is the company or above, or none). */
  admins: readonly AdminEntry[];
}

const asRecipient = (h: HolderEntry | AdminEntry, unaddressed: boolean): Recipient => ({
  userId: h.userId,
  name: h.name,
  email: h.email,
  wantsEmail: h.wantsEmail,
  unaddressed,
});

/** The people a position reaches at a unit: the holders at the nearest node that has any, else the admins (unaddressed). */
export function recipientsOf(positionId: string, book: AddressBook): Recipient[] {
  const enabled = book.holders.filter((h) => h.positionId === positionId && !h.disabled);
  for (const nodeId of book.ancestry) {
    const here = enabled.filter((h) => h.orgNodeId === nodeId);
    if (here.length) return uniqueByUser(here.map((h) => asRecipient(h, false)));
  }
  return uniqueByUser(book.admins.filter((a) => !a.disabled).map((a) => asRecipient(a, true)));
}

function uniqueByUser(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    if (seen.has(r.userId)) return false;
    seen.add(r.userId);
    return true;
  });
}

/**
 * Each due notification with an id from `newId` (the caller's crypto.randomUUID) and its recipients.
 * With no administrator either (an installation without one), the recipients are empty and the
 * notification is still stored, visible on the complaint.
 */
export function resolveRecipients(due: readonly NotificationDue[], book: AddressBook, newId: () => string): AddressedNotification[] {
  return due.map((n) => ({ ...n, id: newId(), positionId: n.recipientRole, recipients: recipientsOf(n.recipientRole, book) }));
}

/** The notification_recipients rows of addressed notifications. */
export function recipientRows(notifications: readonly AddressedNotification[]) {
  return notifications.flatMap((n) => n.recipients.map((r) => ({ notification_id: n.id, user_id: r.userId, unaddressed: r.unaddressed })));
}
