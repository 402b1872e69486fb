/**
 * What a report schedule's due reminder says and where its messages go (issue #15 item 1). Pure: an inbox
 * notification for the schedule's recipient position at the unit, with no complaint, and its outbox rows —
 * an e-mail per recipient who wants e-mail, and each of the company's robots / webhooks that carries
 * `report_due` notifications (a channel filtered by level does not: a report has none).
 */
import type { AddressedNotification } from '../notifications/addressing.ts';
import type { ChannelConfig, OutboxRow } from '../delivery/plan-outbox.ts';
import { emailPayload, robotBody, type ComplaintInfo, type MessageFacts } from '../delivery/messages.ts';
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
  const at = { created_at: now.toISOString(), next_attempt_at: now.toISOString() };
  const info: ComplaintInfo = {
    id: '',
    code: ctx.scheduleName,
    level: null,
    levelLabel: '—',
    unitName: ctx.unitName,
    link: `${ctx.baseUrl.replace(/\/+$/, '')}/reports`,
  };
  const facts: MessageFacts = { subject: n.subject, kind: n.kind, dueAt: n.dueAt };
  const carries = (c: ChannelConfig) => c.enabled && (c.kinds.length === 0 || c.kinds.includes(n.kind)) && c.levels.length === 0;
  const emailChannels = ctx.channels.filter((c) => c.kind === 'email' && c.enabled);
  const via = emailChannels.length ? (emailChannels.find(carries) ?? null) : undefined;
  const out: OutboxRow[] = [];
  if (via !== null) {
    const seen = new Set<string>();
    for (const r of n.recipients) {
      const to = r.email?.trim().toLowerCase();
      if (!to || !r.wantsEmail || seen.has(to)) continue;
      seen.add(to);
      out.push({
        notification_id: n.id,
        complaint_id: null,
        channel_id: via?.id ?? null,
        transport: 'email',
        recipient: to,
        payload: { ...emailPayload(info, facts), to },
        ...at,
      });
    }
  }
  for (const ch of ctx.channels) {
    if (ch.kind === 'email' || !carries(ch)) continue;
    out.push({
      notification_id: n.id,
      complaint_id: null,
      channel_id: ch.id,
      transport: ch.kind,
      recipient: ch.name,
      payload: { body: robotBody(ch.kind, info, facts) },
      ...at,
    });
  }
  return out;
}
