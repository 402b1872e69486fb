export { notificationsFor, reportItemsFor, type NotificationOptions, type NotificationTrigger } from './notifications-for.ts';
