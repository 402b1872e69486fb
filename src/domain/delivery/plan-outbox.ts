/**
 * Which messages a write puts in the outbox (issue #14, items 3 and 4), pure: one e-mail per recipient who
 * has an address and wants e-mail, and one message per matching robot / webhook channel of the
 * complaint's company. The rows are written in the same statement as the notifications they carry and
 * delivered after the commit by the worker (src/jobs/delivery.job.ts); each row's id, made by the
 * database, is the message's stable id.
 */
import type { AddressedNotification } from '../notifications/addressing.ts';
import { emailPayload, robotBody, type ComplaintInfo, type MessageFacts, type Transport } from './messages.ts';

/** A company's delivery channel as the configuration copy holds it (secrets stay in the database row). */
export interface ChannelConfig {
  id: string;
  companyId: string;
  kind: Transport;
  name: string;
  /** Notification kinds carried; empty = all. */
  kinds: string[];
  /** Complaint levels carried; empty = all. */
  levels: string[];
  enabled: boolean;
}

export interface OutboxRow {
  notification_id: string | null;
  complaint_id: string | null;
  channel_id: string | null;
  transport: Transport;
  recipient: string;
  payload: Record<string, unknown>;
  /** The write's instant: the message is due at once. */
  created_at: string;
  next_attempt_at: string;
}

export interface ComplaintForOutbox {
  id: string;
  code: string;
  level: string | null;
  levelLabel: string;
  unitName: string;
}

export function complaintLink(baseUrl: string, complaintId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/complaints/${complaintId}`;
}

/** Whether a channel carries a notification of `kind` for a complaint at `level` (empty filters = all). */
export function channelCarries(ch: ChannelConfig, kind: string, level: string | null): boolean {
  if (!ch.enabled) return false;
  if (ch.kinds.length && !ch.kinds.includes(kind)) return false;
  if (ch.levels.length && (level === null || !ch.levels.includes(level))) return false;
  return true;
}

/**
 * The outbox rows of a write's notifications, given the company's channels: an e-mail per recipient
 * (deduplicated by address), and per robot / webhook channel one message per rule (a rule addressing
 * several positions is one message to a group chat).
 */
export function planOutbox(
  notifications: readonly AddressedNotification[],
  complaint: ComplaintForOutbox,
  channels: readonly ChannelConfig[],
  baseUrl: string,
  now: Date,
): OutboxRow[] {
  const info: ComplaintInfo = { ...complaint, link: complaintLink(baseUrl, complaint.id) };
  return planMessages(notifications, info, { complaintId: complaint.id, level: complaint.level }, channels, now);
}

/**
 * The messages of notifications about `info`: planOutbox's for a complaint, and those of a notification about
 * no complaint (a report's due reminder: `complaintId` and `level` null, so a channel filtered by level skips it).
 */
export function planMessages(
  notifications: readonly AddressedNotification[],
  info: ComplaintInfo,
  about: { complaintId: string | null; level: string | null },
  channels: readonly ChannelConfig[],
  now: Date,
): OutboxRow[] {
  const at = { created_at: now.toISOString(), next_attempt_at: now.toISOString() };
  const emailChannels = channels.filter((c) => c.kind === 'email' && c.enabled);
  const out: OutboxRow[] = [];
  // A group robot or webhook is told once per rule, however many positions the rule addresses.
  const toldChannels = new Set<string>();
  for (const n of notifications) {
    const facts: MessageFacts = { subject: n.subject, kind: n.kind, dueAt: n.dueAt };
    // E-mail: through the company's own e-mail channel when it has one that carries this notification,
    // through the installation's default SMTP (PLAINT_SMTP_URL) when it has none at all.
    const viaEmail = emailChannels.length ? (emailChannels.find((c) => channelCarries(c, n.kind, about.level)) ?? null) : undefined;
    if (viaEmail !== null) {
      const seen = new Set<string>();
      for (const r of n.recipients) {
        const to = r.email?.trim().toLowerCase();
        if (!to || !r.wantsEmail || seen.has(to)) continue;
        seen.add(to);
        out.push({
          notification_id: n.id,
          complaint_id: about.complaintId,
          channel_id: viaEmail?.id ?? null,
          transport: 'email',
          recipient: to,
          payload: { ...emailPayload(info, facts), to },
          ...at,
        });
      }
    }
    for (const ch of channels) {
      if (ch.kind === 'email' || !channelCarries(ch, n.kind, about.level)) continue;
      const key = `${ch.id}\u0000${n.ruleId}\u0000${n.subject}\u0000${n.dueAt}`;
      if (toldChannels.has(key)) continue;
      toldChannels.add(key);
      out.push({
        notification_id: n.id,
        complaint_id: about.complaintId,
        channel_id: ch.id,
        transport: ch.kind,
        recipient: ch.name,
        payload: { body: robotBody(ch.kind, info, facts) },
        ...at,
      });
    }
  }
  return out;
}

/** A channel's test message (POST /api/channels/:id/test): e-mail goes to the admin who asked. */
export function testMessage(ch: ChannelConfig, to: string | null, at: Date, baseUrl: string): OutboxRow | null {
  const info: ComplaintInfo = {
    id: 'test',
    code: 'TS-TEST',
    level: null,
    levelLabel: '测试',
    unitName: ch.name,
    link: baseUrl.replace(/\/+$/, '') || '/',
  };
  const facts: MessageFacts = { subject: `Plaint 通知渠道测试:${ch.name}`, kind: 'test', dueAt: at.toISOString() };
  const times = { created_at: at.toISOString(), next_attempt_at: at.toISOString() };
  if (ch.kind === 'email') {
    if (!to) return null;
    return {
      notification_id: null,
      complaint_id: null,
      channel_id: ch.id,
      transport: 'email',
      recipient: to,
      payload: { ...emailPayload(info, facts), to },
      ...times,
    };
  }
  return {
    notification_id: null,
    complaint_id: null,
    channel_id: ch.id,
    transport: ch.kind,
    recipient: ch.name,
    payload: { body: robotBody(ch.kind, info, facts) },
    ...times,
  };
}
