import type { zhCNInbox } from './zh-CN-inbox.ts';

/** English: the bell, the inbox and the dashboard's unaddressed positions (issue #14). */
export const enUSInbox: Record<keyof typeof zhCNInbox, string> = {
  'inbox.bell': 'Notifications ({count} unread)',
  'inbox.title': 'My notifications',
  'inbox.intro': 'Bulletins, progress reports and reminders sent to you for the positions you hold; unread first.',
  'inbox.kind': 'Kind',
  'inbox.allKinds': 'All kinds',
  'inbox.unreadOnlyCount': '{count} unread',
  'inbox.markRead': 'Mark read',
  'inbox.markAllRead': 'Mark all read',
  'inbox.markedAll': '{count} marked read',
  'inbox.read': 'Read',
  'inbox.unread': 'Unread',
  'inbox.due': 'Due {time}',
  'inbox.position': 'Position: {name}',
  'inbox.unaddressed': 'Nobody holds this position',
  'inbox.unaddressedHint':
    'Nobody holds this position at the unit or above, so it came to you as the company administrator; assign someone in user management.',
  'inbox.open': 'Open complaint',
  'inbox.empty': 'No notifications',
  'inbox.more': 'Load more',
  'inbox.kind.bulletin': 'Bulletin',
  'inbox.kind.progress': 'Progress report',
  'inbox.kind.special_report': 'Special report',
  'inbox.kind.leader_alert': 'Leader alert',
  'inbox.kind.escalation': 'Escalation',
  'inbox.kind.crisis_alert': 'Crisis alert',
  'inbox.kind.emergency_alert': 'Emergency team called',
  'inbox.kind.progress_overdue': 'Progress overdue',
  'inbox.kind.report_due': 'Report due',
  'inbox.kind.report_item': 'Report item',

  'dashboard.unaddressed': 'Configuration problem: positions nobody holds',
  'dashboard.unaddressedHint':
    'When these positions were notified, nobody held them at the unit or above; the notifications went to the company administrators. Assign someone to each.',
  'dashboard.unaddressedPosition': 'Position',
  'dashboard.unaddressedNode': 'Unit',
  'dashboard.unaddressedCount': 'Sent to administrators',
  'dashboard.unaddressedLast': 'Last',
};
