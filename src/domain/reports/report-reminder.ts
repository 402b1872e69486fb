/**
 * What a report schedule's due reminder says and where its messages go (issue #15 item 1). Pure: an inbox
 * notification for the schedule's recipient position at the unit, with no complaint, and its outbox rows —
 * an e-mail per recipient who wants e-mail, and each of the company's robots / webhooks that carries
 * `report_due` notifications (a channel filtered by level does not: a report has none).
 */
import type { AddressedNotification } from '../notifications/addressing.ts';
import { planMessages, type ChannelConfig, type OutboxRow } from '../delivery/plan-outbox.ts';
import type { ComplaintInfo } from '../delivery/messages.ts';
import type { ScheduledPeriod } from './schedules.ts';

export const REPORT_DUE_KIND = 'report_due';

export interface ScheduleRef {
  policyId: string;
  id: string;
  ruleId: string;
  nameZh: string;
  recipientRole: string;
}

export function reminderSubject(schedule: ScheduleRef, period: ScheduledPeriod): string {
  return `《${schedule.nameZh}》（${period.labelZh}）应于 ${period.dueDate} 前报送`;
}

export function reportReminderOutbox(
  n: AddressedNotification,
  ctx: { unitName: string; channels: readonly ChannelConfig[]; baseUrl: string; scheduleName: string },
  now: Date,
): OutboxRow[] {
  const info: ComplaintInfo = {
    id: '',
    code: ctx.scheduleName,
    level: null,
    levelLabel: '—',
    unitName: ctx.unitName,
    link: `${ctx.baseUrl.replace(/\/+$/, '')}/reports`,
  };
  return planMessages([n], info, { complaintId: null, level: null }, ctx.channels, now);
}
