export { notificationsFor, reportItemsFor, type NotificationOptions, type NotificationTrigger } from './notifications-for.ts';
export {
  recipientsOf,
  resolveRecipients,
  recipientRows,
  type AddressBook,
  type AdminEntry,
  type HolderEntry,
} from './resolve-recipients.ts';
export type { AddressedNotification, PositionHolder, Recipient } from './addressing.ts';
