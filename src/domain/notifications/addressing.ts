/**
 * The contract between who is told (positions resolved to people) and how they are told (the outbox):
 * a notification leaves the rules with its id and its resolved recipients, so the same write can store
 * the notification, its recipients and its outbox messages in one statement (issue #14).
 */
import type { NotificationDue } from '../contracts.ts';

/** A user holding a pack position at an organisation node (from the per-process configuration copy). */
export interface PositionHolder {
  userId: string;
  positionId: string;
  orgNodeId: string;
  name: string;
  email: string | null;
  /** The user's own choice: e-mail for notifications or not. */
  wantsEmail: boolean;
}

export interface Recipient {
  userId: string;
  name: string;
  email: string | null;
  wantsEmail: boolean;
  /**
   * Nobody holds the position at the unit or above it: an admin of the company receives it instead,
   * so that the gap is seen and fixed, never a silent drop.
   */
  unaddressed: boolean;
}

/** A notification as a write stores it: an id made before the write, and the people it reaches. */
export interface AddressedNotification extends NotificationDue {
  id: string;
  /** The pack position the rule addresses (the rule's recipient). */
  positionId: string;
  recipients: Recipient[];
}
